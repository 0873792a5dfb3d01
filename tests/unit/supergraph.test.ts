import { describe, expect, it } from '@jest/globals';
import { printSchema, type GraphQLObjectType } from 'graphql';
import { readFile } from 'node:fs/promises';
import { composeSchemas, SUPERGRAPH_PATH } from '../../schemas/compose.ts';
import { readPublicSchema } from '../../scripts/public-schema.ts';

describe('supergraph', () => {
  it('composes without error and the committed schemas/supergraph.graphql is up to date (npm run compose)', async () => {
    const { supergraphSdl } = await composeSchemas();
    expect(await readFile(SUPERGRAPH_PATH, 'utf8')).toBe(supergraphSdl);
  });

  it('keeps the identity pivot out of the public API schema the gateway serves', async () => {
    const schema = await readPublicSchema();
    expect(printSchema(schema)).not.toMatch(/\bpivot\b|IdentityPivot|given_name|SectionOutcome|Outcome:/);
    const person = schema.getType('Person') as GraphQLObjectType;
    const fields = Object.fromEntries(Object.values(person.getFields()).map((f) => [f.name, String(f.type)]));
    expect(fields).toEqual({
      id: 'ID!',
      identity: 'Identity',
      consents: '[Consent!]',
      notifications: 'NotificationSubscription',
      declarations: 'DeclarationConnection',
      accessJournal: 'AccessJournalConnection',
      training: 'TrainingRights',
      retirement: 'RetirementRecord',
      family: 'FamilyBenefits',
      employment: 'EmploymentRecord',
      timeline: 'TimelineConnection',
      inbox: 'Inbox',
      alerts: 'Alerts',
      orientation: 'CareerOrientation',
      jobs: '[Job!]!',
    });
  });

  it('documents every type and field of the public schema', async () => {
    const schema = await readPublicSchema();
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
