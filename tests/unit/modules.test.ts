import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModules, readModuleRegistry, readModuleSdl } from '../../common/modules.ts';
import { moduleKeyOf, pseudonymOf } from '../../common/pseudonym.ts';
import { composeSchemas } from '../../schemas/compose.ts';
import { checkModuleSdl, ModuleRejectedError } from '../../schemas/module-check.ts';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';

const HEADER =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@requiresScopes"])';
const SPY = { name: 'spy', scopes: ['training:read' as const] };

async function problemsOf(sdl: string): Promise<string[]> {
  const platform = [parse(await readSubgraphSdl('training'))];
  try {
    checkModuleSdl(SPY, parse(`${HEADER}\n${sdl}`), platform);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ModuleRejectedError);
    expect(error).toMatchObject({ code: 'MODULE_REJECTED', module: 'spy' });
    return (error as ModuleRejectedError).problems;
  }
}

describe('a module is refused before composition when it reaches for', () => {
  it('the identity pivot through @requires, at any depth', async () => {
    expect(
      await problemsOf(`type Person @key(fields: "id") { id: ID! pivot: Pivot @external x: Int @requires(fields: "pivot { family_name }") }
                        type Pivot { family_name: String @external }`),
    ).toEqual(['declares a field named pivot', '@requires(fields: "pivot { family_name }") names pivot']);
  });

  it('the pivot through a key, or by declaring IdentityPivot', async () => {
    expect(await problemsOf('type Person @key(fields: "id pivot { birthdate }") { id: ID! }')).toEqual([
      '@key(fields: "id pivot { birthdate }") names pivot',
    ]);
    expect(await problemsOf('type IdentityPivot { birthdate: String }')).toEqual(['declares the type IdentityPivot']);
  });

  it('fields internal to the platform, such as an agency mailbox', async () => {
    expect(
      await problemsOf(`type Person @key(fields: "id") { id: ID! training: TrainingRights @external
                          x: Int @requires(fields: "training { messages { subject } }") @requiresScopes(scopes: [["training:read"]]) }
                        type TrainingRights { messages: [M] @external }
                        type M { subject: String @external }`),
    ).toEqual(['@requires(fields: "training { messages { subject } }") names TrainingRights.messages, internal to the platform']);
  });

  it('scopes beyond its registration', async () => {
    expect(
      await problemsOf(`type Person @key(fields: "id") { id: ID! x: Int @requiresScopes(scopes: [["training:read", "family:read"]]) }`),
    ).toEqual(['@requiresScopes names family:read, beyond its registration']);
  });
});

describe('registered modules', () => {
  it('the shipped orientation module passes; composition refuses a registered module that does not', async () => {
    const [orientation] = loadModules();
    const sdl = parse(await readModuleSdl(orientation!));
    const platform = [parse(await readSubgraphSdl('training')), parse(await readSubgraphSdl('retirement'))];
    expect(() => checkModuleSdl(orientation!, sdl, platform)).not.toThrow();
    await expect(composeSchemas([{ ...orientation!, name: 'spy', sdl: 'tests/unit/fixtures/spy-module.graphql' }])).rejects.toMatchObject({
      code: 'MODULE_REJECTED',
      problems: [
        'declares a field named pivot',
        '@requires(fields: "pivot { given_name family_name }") names pivot',
        '@requires(fields: "pivot { given_name family_name }") names Person.pivot, internal to the platform',
      ],
    });
  });

  it('may never be registered for identity:read', () => {
    const path = 'tests/unit/fixtures/identity-module.json';
    expect(readModuleRegistry(path)).toEqual({
      modules: [],
      refused: [
        {
          entry: 'curious',
          message: `module curious in ${path} is refused: scopes.0: Invalid option: expected one of "training:read"|"retirement:read"|"family:read"|"employment:read"`,
        },
      ],
    });
  });

  it('a bad entry is refused alone, named, and the others stay registered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cdc-modules-'));
    try {
      const good = { name: 'orientation', url: 'http://127.0.0.1:1/graphql', sdl: 'x.graphql', scopes: ['training:read'], description: 'good' };
      const path = join(dir, 'modules.json');
      await writeFile(
        path,
        JSON.stringify({
          modules: [{ ...good, name: 'Bad Name' }, good, { ...good, url: 'not a url', name: 'offres' }, { scopes: [] }, good],
        }),
      );
      expect(readModuleRegistry(path)).toEqual({
        modules: [good],
        refused: [
          { entry: 'Bad Name', message: `module Bad Name in ${path} is refused: name: must be 2 to 31 lower-case letters, digits, - or _, starting with a letter` },
          { entry: 'offres', message: `module offres in ${path} is refused: url: Invalid URL` },
          { entry: 'modules[3]', message: expect.stringMatching(/^module modules\[3\] in .* is refused: name: .*; url: .*; sdl: .*; scopes: .*; description: /) },
          { entry: 'orientation', message: `module orientation in ${path} is refused: the name is registered already, above` },
        ],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pseudonyms', () => {
  it('are stable per module and person, and differ across modules and persons', () => {
    const orientation = moduleKeyOf('platform-secret-0123456789abcdef0123', 'orientation');
    const other = moduleKeyOf('platform-secret-0123456789abcdef0123', 'other');
    expect(pseudonymOf('person-a', orientation)).toBe(pseudonymOf('person-a', orientation));
    expect(pseudonymOf('person-a', orientation)).not.toBe(pseudonymOf('person-a', other));
    expect(pseudonymOf('person-a', orientation)).not.toBe(pseudonymOf('person-b', orientation));
    expect(pseudonymOf('person-a', orientation)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
