import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ERROR_GROUPS, ERRORS, INPUT_REASONS, type ErrorSpec } from '../contract/errors.ts';

/** docs/errors.md, rendered from the catalogue (contract/errors.ts) by `npm run errors`; a test fails when it is stale. */
export const ERROR_CATALOGUE_PATH = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderErrorCatalogue(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Rendered from contract/errors.ts by `npm run errors`: edit the catalogue there, not this file. -->',
    '',
    'Every error the platform answers carries a stable `extensions.code` from this list, and a message that',
    'says what to do. A request refused as a whole has the HTTP status given here, and the body',
    '`{ "errors": [{ "message", "extensions": { "code" } }] }`; otherwise the error travels in a GraphQL',
    'answer (HTTP 200) at the path it concerns, the rest of the answer still there. An agency failure also',
    'names the agency (`extensions.agency`: `cpf`, `rgcu`, `caf`, `france-travail`), a subgraph failure the',
    'subgraph (`extensions.serviceName`). "Retry" says whether the same request, sent again later, can succeed.',
    '',
  ];
  for (const [group, title] of Object.entries(ERROR_GROUPS)) {
    lines.push(`## ${title}`, '', '| code | HTTP, refused whole | retry | meaning, and what to do |', '|---|---|---|---|');
    for (const [code, spec] of Object.entries(ERRORS) as Array<[string, ErrorSpec]>) {
      if (spec.group !== group) continue;
      lines.push(`| \`${code}\` | ${spec.http?.join(', ') ?? '—'} | ${spec.retryable ? 'yes' : 'no'} | ${cell(spec.message)} |`);
    }
    lines.push('');
    if (group === 'input') {
      lines.push(
        'Every refused argument or input field has one shape, in every subgraph:',
        '`extensions: { code: "BAD_USER_INPUT", field: "<dotted path: input.grossPay, first>", reason: "<one below>" }`.',
        'A value of a scalar in the wrong form (a `Date`, a `DateTime`, `EuroCents`) is refused before any resolver',
        'runs, with reason `INVALID_FORMAT` and the variable named in the message.',
        '',
        '| reason | when |',
        '|---|---|',
        ...Object.entries(INPUT_REASONS).map(([reason, when]) => `| \`${reason}\` | ${cell(when)} |`),
        '',
      );
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rendered = renderErrorCatalogue();
  if ((await readFile(ERROR_CATALOGUE_PATH, 'utf8').catch(() => '')) !== rendered) await writeFile(ERROR_CATALOGUE_PATH, rendered);
  console.log(`wrote ${ERROR_CATALOGUE_PATH}`);
}
