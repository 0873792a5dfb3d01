import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { ERRORS, INPUT_REASONS, type ErrorSpec } from '../../contract/errors.ts';
import { ERROR_CATALOGUE_PATH, renderErrorCatalogue } from '../../scripts/error-catalogue.ts';
import { ROOT } from '../support/processes.ts';

const tracked = (...patterns: string[]) =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...patterns], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

const SDL_FILES = tracked('schemas/*.graphql', 'schemas/shared/*.graphql', 'modules/*/schema.graphql').filter((f) => !f.endsWith('supergraph.graphql'));
/** What people read about the platform; the rendered catalogue itself is checked apart. */
const DOCS = ['README.md', 'SECURITY.md', 'web/README.md', ...tracked('docs/*.md')].filter((f) => !f.endsWith('docs/errors.md'));

/**
 * Names in capitals that are not the platform's error codes: the SDL's enum values, the
 * environment's variables, and the codes the web app gives its own failures (web/src/labels.ts).
 */
function notCodes(): Set<string> {
  const names = new Set<string>();
  for (const file of SDL_FILES) {
    for (const definition of parse(read(file)).definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) for (const value of definition.values ?? []) names.add(value.name.value);
    }
  }
  for (const match of read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)) names.add(match[1]!);
  for (const file of tracked('*.ts')) for (const match of read(file).matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]!);
  for (const match of read('web/src/labels.ts').matchAll(/^export const ([A-Z][A-Z0-9_]+) = '\1';/gm)) names.add(match[1]!);
  return names;
}

/** Backquoted UPPER_SNAKE names: how the SDL's descriptions and the docs name a code. */
function namedCodes(text: string, exclude: Set<string>): string[] {
  return [...text.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]!).filter((name) => !exclude.has(name));
}

describe('the error catalogue (contract/errors.ts)', () => {
  const known = new Set([...Object.keys(ERRORS), ...Object.keys(INPUT_REASONS)]);
  const exclude = notCodes();

  it('holds every code the SDL and the docs name, and every reason of BAD_USER_INPUT they name', () => {
    const unknown = [...SDL_FILES, ...DOCS].flatMap((file) => namedCodes(read(file), exclude).filter((name) => !known.has(name)).map((name) => `${file}: ${name}`));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('holds only codes that something emits: a throw site of ours, or Apollo itself', () => {
    const sources = tracked('contract/*.ts', 'common/*.ts', 'common/**/*.ts', 'gateway/**/*.ts', 'subgraphs/**/*.ts', 'modules/**/*.ts', 'rules/*.ts')
      .filter((file) => file !== 'contract/errors.ts' && !file.endsWith('.generated.ts'))
      .map(read)
      .join('\n');
    const unused = (Object.entries(ERRORS) as Array<[string, ErrorSpec]>)
      .filter(([code, spec]) => !spec.byApollo && !sources.includes(`'${code}'`))
      .map(([code]) => code);
    expect(unused).toEqual([]);
  });

  it('is rendered, as it is now, in docs/errors.md (npm run errors)', () => {
    expect(readFileSync(ERROR_CATALOGUE_PATH, 'utf8')).toBe(renderErrorCatalogue());
  });

  it('gives a message that says what to do for every code, and a French one for every page', () => {
    for (const [code, spec] of Object.entries(ERRORS) as Array<[string, ErrorSpec]>) {
      expect([code, spec.message.length > 20]).toEqual([code, true]);
      if (spec.group === 'login') expect([code, typeof spec.fr]).toEqual([code, 'string']);
    }
  });
});
