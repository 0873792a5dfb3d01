import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { personIdOf } from '../../../common/person-id.ts';
import { personaIdentities } from '../../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import type { Browser } from '../../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../../support/platform.ts';
import { graphqlAs, thirdPartyToken } from '../../support/third-party.ts';

const START = new Date('2026-11-15T12:00:00.000Z');
const hoursLater = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();

let clock = START;
let platform: RunningPlatform;
let karim: Browser;
let camille: Browser;
let ccasToken: string;
let karimId: string;
let camilleId: string;

const ALL_SCOPES = ['identity:read', 'family:read', 'employment:read', 'training:read', 'retirement:read'];

const GRANT = `mutation($grantee: ID!, $scopes: [String!]!, $expiresAt: DateTime!) {
  grantConsent(grantee: $grantee, scopes: $scopes, purpose: { code: SOCIAL_SUPPORT, text: "Demande de RSA" }, expiresAt: $expiresAt) {
    id scopes status startsAt expiresAt revokedAt grantee { id name kind } purpose { code text }
  }
}`;
const REVOKE = 'mutation($id: ID!) { revokeConsent(id: $id) { id status revokedAt } }';
const READ_PERSON = `query($id: ID!) {
  person(id: $id) { id family { familyQuotient { value year month } children { givenNames birthDate } } employment { registration { category } } }
}`;
const JOURNAL = '{ me { accessJournal(first: 10) { edges { node { reader { id name kind } purpose { code text } consentId sections readAt } } } } }';

function personId(login: string): string {
  return personIdOf(personaIdentities.find((p) => p.login === login)!.pivot, platform.personIdKey);
}

async function grant(browser: Browser, grantee: string, scopes: string[], expiresAt: string) {
  return graphql(platform, browser, GRANT, { grantee, scopes, expiresAt });
}

async function journalOf(browser: Browser) {
  const { body } = await graphql(platform, browser, JOURNAL);
  return body.data.me.accessJournal.edges.map((e: any) => e.node);
}

beforeAll(async () => {
  platform = await startTestPlatform({ consentClock: () => clock });
  [karim, camille] = await Promise.all([logIn(platform, 'karim.benali'), logIn(platform, 'camille.martin')]);
  ccasToken = await thirdPartyToken(platform, 'ccas-lyon', ALL_SCOPES);
  karimId = personId('karim.benali');
  camilleId = personId('camille.martin');
});

afterAll(async () => {
  await platform?.close();
});

describe('a citizen manages consents', () => {
  it('refuses bad input with BAD_USER_INPUT, a reason and a message that says what to fix', async () => {
    const refusal = async (grantee: string, scopes: string[], expiresAt: string) => {
      const { status, body } = await grant(karim, grantee, scopes, expiresAt);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      return { message: body.errors![0]!.message, extensions: body.errors![0]!.extensions };
    };
    expect(await refusal('nobody', ['family:read'], hoursLater(24))).toEqual({
      message: 'No registered third party has the id "nobody". Query thirdParties for the ids you can use.',
      extensions: { code: 'BAD_USER_INPUT', field: 'grantee', reason: 'UNKNOWN_GRANTEE', serviceName: 'identity' },
    });
    expect(await refusal('mutuelle-solidaire', ['training:read'], hoursLater(24))).toEqual({
      message: 'Mutuelle solidaire may not ask for training:read; it may ask for: identity:read, family:read.',
      extensions: { code: 'BAD_USER_INPUT', field: 'scopes', reason: 'SCOPE_NOT_ALLOWED', serviceName: 'identity' },
    });
    expect(await refusal('ccas-lyon', ['family:read'], hoursLater(-1))).toEqual({
      message: 'expiresAt must be after now (2026-11-15T12:00:00.000Z).',
      extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt', reason: 'EXPIRY_IN_PAST', serviceName: 'identity' },
    });
    expect(await refusal('ccas-lyon', ['family:read'], hoursLater(24 * 366))).toEqual({
      message: 'A consent lasts at most 12 months: expiresAt must be at most 2027-11-15T12:00:00.000Z.',
      extensions: { code: 'BAD_USER_INPUT', field: 'expiresAt', reason: 'EXPIRY_TOO_FAR', serviceName: 'identity' },
    });
    const lasting = (variables: Record<string, unknown>) =>
      graphql(
        platform,
        karim,
        `mutation($expiresAt: DateTime, $months: Int) {
          grantConsent(grantee: "ccas-lyon", scopes: ["family:read"], purpose: { code: SOCIAL_SUPPORT, text: "RSA" }, expiresAt: $expiresAt, durationMonths: $months) { id }
        }`,
        variables,
      );
    for (const [variables, message] of [
      [{ months: 13 }, 'durationMonths must be a whole number from 1 to 12 (got 13).'],
      [{ months: 0 }, 'durationMonths must be a whole number from 1 to 12 (got 0).'],
      [{ months: 3, expiresAt: hoursLater(24) }, 'Give either durationMonths (1 to 12) or expiresAt, not both and not neither.'],
      [{}, 'Give either durationMonths (1 to 12) or expiresAt, not both and not neither.'],
    ] as const) {
      expect((await lasting(variables)).body.errors?.map((e) => [e.message, e.extensions])).toEqual([
        [message, { code: 'BAD_USER_INPUT', field: 'durationMonths', reason: 'INVALID_DURATION', serviceName: 'identity' }],
      ]);
    }
    const unknown = await graphql(platform, karim, REVOKE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'id', reason: 'CONSENT_NOT_FOUND', serviceName: 'identity' },
    ]);
  });

  it('a third party cannot manage consents nor read anyone’s journal', async () => {
    const asThirdParty = await graphqlAs(platform, ccasToken, GRANT, { grantee: 'ccas-lyon', scopes: ['family:read'], expiresAt: hoursLater(1) });
    expect(asThirdParty.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const me = await graphqlAs(platform, ccasToken, JOURNAL);
    expect(me.body).toEqual({
      data: { me: null },
      errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', serviceName: 'identity' } })],
    });
  });
});

describe('a third party reads through consent only', () => {
  let consentId: string;

  it('with no consent, an existing person and an id of nobody give the same answer, and nothing is journaled', async () => {
    const existing = await graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId });
    const nobody = await graphqlAs(platform, ccasToken, READ_PERSON, { id: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI' });
    const expected = {
      data: { person: null },
      errors: [
        {
          message: 'No person with this id is available to you.',
          path: ['person'],
          extensions: { code: 'NOT_FOUND', serviceName: 'identity' },
        },
      ],
    };
    expect(existing).toMatchObject({ status: 200, body: expected });
    expect(nobody).toMatchObject({ status: 200, body: expected });
    expect(existing.body).toEqual(nobody.body);
    const list = await graphqlAs(platform, ccasToken, '{ beneficiaries { totalCount edges { node { id } } } }');
    expect(list.body).toEqual({ data: { beneficiaries: { totalCount: 0, edges: [] } } });
    expect(await journalOf(karim)).toEqual([]);
  });

  it('a family-only consent gives the family section only, the same figures the citizen sees', async () => {
    const granted = await grant(karim, 'ccas-lyon', ['family:read'], hoursLater(24 * 30));
    consentId = granted.body.data.grantConsent.id;
    expect(granted.body.data.grantConsent).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      scopes: ['family:read'],
      status: 'ACTIVE',
      startsAt: START.toISOString(),
      expiresAt: hoursLater(24 * 30),
      revokedAt: null,
      grantee: { id: 'ccas-lyon', name: 'CCAS de Lyon — service social', kind: 'SOCIAL_WORKER' },
      purpose: { code: 'SOCIAL_SUPPORT', text: 'Demande de RSA' },
    });
    const own = await graphql(platform, karim, '{ me { family { familyQuotient { value year month } children { givenNames birthDate } } } }');
    const read = await graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ person: { id: karimId, family: own.body.data.me.family, employment: null } });
    expect(read.body.data.person.family.familyQuotient.value).toBe(620);
    expect(read.body.errors).toEqual([
      expect.objectContaining({
        message: 'This access does not include the scope employment:read.',
        path: ['person', 'employment'],
        extensions: { code: 'FORBIDDEN', serviceName: 'employment' },
      }),
    ]);
  });

  it('each access is one journal entry, which the citizen sees and nobody else does', async () => {
    // One request reading Karim twice (person and beneficiaries) is still one entry.
    const twice = await graphqlAs(
      platform,
      ccasToken,
      `query($id: ID!) { person(id: $id) { family { familyQuotient { value } } } beneficiaries { edges { node { id family { children { givenNames } } } } } }`,
      { id: karimId },
    );
    expect(twice.body.errors).toBeUndefined();
    expect(twice.body.data.beneficiaries.edges).toEqual([{ node: { id: karimId, family: { children: expect.any(Array) } } }]);
    const entry = {
      reader: { id: 'ccas-lyon', name: 'CCAS de Lyon — service social', kind: 'SOCIAL_WORKER' },
      purpose: { code: 'SOCIAL_SUPPORT', text: 'Demande de RSA' },
      consentId,
      sections: ['family'],
      readAt: START.toISOString(),
    };
    // The previous test's read, then this one: two requests, two entries.
    expect(await journalOf(karim)).toEqual([entry, entry]);
    expect(await journalOf(camille)).toEqual([]);
    const stolen = await graphqlAs(platform, ccasToken, 'query($id: ID!) { person(id: $id) { accessJournal { edges { node { id } } } consents { id } } }', {
      id: karimId,
    });
    expect(stolen.body.data).toEqual({ person: { accessJournal: null, consents: null } });
    expect(stolen.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['person', 'accessJournal'], 'FORBIDDEN'],
      [['person', 'consents'], 'FORBIDDEN'],
    ]);
  });

  it('a failed journal write returns no data, only AUDIT_UNAVAILABLE', async () => {
    await platform.database.query('ALTER TABLE access_journal RENAME TO access_journal_unreachable');
    try {
      const read = await graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId });
      expect(read).toMatchObject({
        status: 503,
        body: {
          errors: [
            {
              message: 'The access journal could not be written, so no data is returned; try again shortly.',
              extensions: { code: 'AUDIT_UNAVAILABLE' },
            },
          ],
        },
      });
      expect(read.body).not.toHaveProperty('data');
    } finally {
      await platform.database.query('ALTER TABLE access_journal_unreachable RENAME TO access_journal');
    }
    expect(await journalOf(karim)).toHaveLength(2);
  });

  it('a revoked consent is refused on the next request, like a person who does not exist', async () => {
    const revoked = await graphql(platform, karim, REVOKE, { id: consentId });
    expect(revoked.body.data).toEqual({ revokeConsent: { id: consentId, status: 'REVOKED', revokedAt: START.toISOString() } });
    const read = await graphqlAs(platform, ccasToken, READ_PERSON, { id: karimId });
    expect(read.body).toEqual({
      data: { person: null },
      errors: [expect.objectContaining({ message: 'No person with this id is available to you.', extensions: { code: 'NOT_FOUND', serviceName: 'identity' } })],
    });
    expect(await journalOf(karim)).toHaveLength(2);
  });

  it('a consent for 12 months ends on the same day of the month a year later, at the same time', async () => {
    const { body } = await graphql(
      platform,
      karim,
      'mutation { grantConsent(grantee: "ccas-lyon", scopes: ["family:read"], purpose: { code: SOCIAL_SUPPORT, text: "RSA" }, durationMonths: 12) { startsAt expiresAt status } }',
    );
    expect(body).toEqual({ data: { grantConsent: { startsAt: START.toISOString(), expiresAt: '2027-11-15T12:00:00.000Z', status: 'ACTIVE' } } });
    const [current] = (await graphql(platform, karim, '{ me { consents { id status } } }')).body.data.me.consents;
    await graphql(platform, karim, REVOKE, { id: current.id });
  });

  it('an expired consent is refused from its expiry instant on', async () => {
    const granted = await grant(camille, 'ccas-lyon', ['identity:read', 'training:read'], hoursLater(1));
    expect(granted.body.errors).toBeUndefined();
    const query = 'query($id: ID!) { person(id: $id) { identity { familyName } training { cpf { balance } } } }';
    const before = await graphqlAs(platform, ccasToken, query, { id: camilleId });
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data.person.identity).toEqual({ familyName: 'MARTIN' });

    clock = new Date(hoursLater(1));
    const after = await graphqlAs(platform, ccasToken, query, { id: camilleId });
    expect(after.body.data).toEqual({ person: null });
    expect(after.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const consents = await graphql(platform, camille, '{ me { consents { status expiresAt } } }');
    expect(consents.body.data.me.consents).toEqual([{ status: 'EXPIRED', expiresAt: hoursLater(1) }]);
    expect((await journalOf(camille)).map((e: any) => e.sections)).toEqual([['identity', 'training']]);
  });
});

describe('a third party’s token is checked before anything is read', () => {
  const invalid = (message: string) => ({
    status: 401,
    body: { errors: [{ message, extensions: { code: 'INVALID_TOKEN' } }] },
  });

  it('refuses a token signed by another key, with the same claims and key id', async () => {
    const header = decodeProtectedHeader(ccasToken);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(decodeJwt(ccasToken)).setProtectedHeader({ ...header, alg: 'ES256' }).sign(privateKey);
    const answer = await graphqlAs(platform, forged, READ_PERSON, { id: karimId });
    expect(answer).toMatchObject(invalid('The bearer token was refused (JWT signature verification failed); get a new one from the provider.'));
    expect(answer.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(answer.body).not.toHaveProperty('data');
  });

  it('refuses a token that is not a JWT', async () => {
    expect(await graphqlAs(platform, 'not-a-token', READ_PERSON, { id: karimId })).toMatchObject(
      invalid('The bearer token was refused (Invalid JWT); get a new one from the provider.'),
    );
  });

  it('an over-scoped request is refused by the provider, and a scope outside the consent reads nothing', async () => {
    await expect(thirdPartyToken(platform, 'mutuelle-solidaire', ['training:read'])).rejects.toThrow('token endpoint answered 400 invalid_scope');
    const narrow = await thirdPartyToken(platform, 'ccas-lyon', ['employment:read']);
    await grant(karim, 'ccas-lyon', ['family:read'], hoursLater(48));
    const read = await graphqlAs(platform, narrow, READ_PERSON, { id: karimId });
    expect(read.body.data).toEqual({ person: null });
    expect(read.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
