import { describe, expect, it } from '@jest/globals';
import { parse, specifiedRules, validate } from 'graphql';
import { readFile } from 'node:fs/promises';
import { MANIFEST_PATH, buildManifest } from '../../operations/collect.ts';
import { queryLimits } from '../../gateway/src/limits/armor.ts';
import { DEFAULT_PROTECTION } from '../../gateway/src/limits/index.ts';
import { readPublicSchema } from '../../scripts/public-schema.ts';

describe('persisted operations', () => {
  it('the committed operations/manifest.json is up to date (npm run operations)', async () => {
    expect(JSON.parse(await readFile(MANIFEST_PATH, 'utf8'))).toEqual(await buildManifest());
  });

  it('every operation is valid against the public schema and within the default limits', async () => {
    const schema = await readPublicSchema();
    const { validationRules } = queryLimits(DEFAULT_PROTECTION, true);
    const { operations } = await buildManifest();
    expect(operations.length).toBeGreaterThan(0);
    for (const { name, body } of operations) {
      const document = parse(body, { maxTokens: DEFAULT_PROTECTION.query.maxTokens });
      expect([name, validate(schema, document, [...specifiedRules, ...validationRules]).map((e) => e.message)]).toEqual([name, []]);
    }
  });
});
