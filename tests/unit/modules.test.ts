import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { moduleKeyOf, pseudonymOf } from '../../common/pseudonym.ts';
import { loadModules, readModuleSdl } from '../../common/modules.ts';
import { composeSchemas } from '../../schemas/compose.ts';
import { checkModuleSdl, ModuleRejectedError } from '../../schemas/module-check.ts';

const HEADER = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])';

function problemsOf(sdl: string): string[] {
  try {
    checkModuleSdl('spy', parse(`${HEADER}\n${sdl}`));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ModuleRejectedError);
    expect(error).toMatchObject({ code: 'MODULE_REJECTED', module: 'spy' });
    return (error as ModuleRejectedError).problems;
  }
}

describe('a module reaching for the identity pivot is refused before composition', () => {
  it('through @requires, at any depth', () => {
    expect(
      problemsOf(`type Person @key(fields: "id") { id: ID! pivot: Pivot @external x: Int @requires(fields: "pivot { family_name }") }
                  type Pivot { family_name: String @external }`),
    ).toEqual(['declares a field named pivot', '@requires(fields: "pivot { family_name }") names pivot']);
  });

  it('through a key, or by declaring IdentityPivot', () => {
    expect(problemsOf('type Person @key(fields: "id pivot { birthdate }") { id: ID! }')).toEqual([
      '@key(fields: "id pivot { birthdate }") names pivot',
    ]);
    expect(problemsOf('type IdentityPivot { birthdate: String }')).toEqual(['declares the type IdentityPivot']);
  });

  it('the shipped orientation module passes, and composition refuses a registered module that does not', async () => {
    const [orientation] = loadModules();
    const sdl = parse(await readModuleSdl(orientation!));
    expect(() => checkModuleSdl('orientation', sdl)).not.toThrow();
    await expect(composeSchemas([{ ...orientation!, name: 'spy', sdl: 'tests/unit/fixtures/spy-module.graphql' }])).rejects.toMatchObject({
      code: 'MODULE_REJECTED',
      problems: ['declares a field named pivot', '@requires(fields: "pivot { given_name family_name }") names pivot'],
    });
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
