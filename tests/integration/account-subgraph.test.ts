import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'undici';
import { mintInternalToken } from '../../contract/internal-token.ts';
import { listenApp, type Listening } from '../../common/listen.ts';
import { CITIZEN_SCOPES } from '../../contract/scopes.ts';
import { build } from '../../subgraphs/account/app.ts';
import { generateTokenKeys, type TestKeys } from '../support/keys.ts';

// The account subgraph holds no data, but it still answers only for the person the token names.
let keys: TestKeys;
let account: Listening;

beforeAll(async () => {
  keys = await generateTokenKeys();
  account = await listenApp(await build({ tokenKey: keys.publicKey, now: () => new Date('2026-11-10T12:00:00Z') }));
});

afterAll(async () => {
  await account?.close();
});

const QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { inbox { unreadCount unavailableAgencies } } } }';

function representation(id: string) {
  return {
    __typename: 'Person',
    id,
    trainingOutcome: 'FOUND',
    training: { messages: [{ id: 'm1', agency: 'CPF', sentAt: '2026-03-02T08:30:00.000Z', sender: 'AGENCY', subject: 's', body: 'b', read: false }] },
    retirementOutcome: 'NOT_FOUND',
    retirement: null,
    familyOutcome: 'DENIED',
    family: null,
    employmentOutcome: 'FAILED',
    employment: null,
  };
}

async function post(subject: string, ids: string[]) {
  const token = await mintInternalToken(
    { actor: { kind: 'citizen' }, grants: { [subject]: [...CITIZEN_SCOPES] } },
    { key: keys.privateKey, audience: 'account', lifetimeSeconds: 60 },
  );
  const response = await request(`${account.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { r: ids.map(representation) } }),
  });
  return (await response.body.json()) as { data: { _entities: unknown[] }; errors?: Array<{ path: unknown; extensions: { code: string } }> };
}

describe('account subgraph', () => {
  it('combines the sections it is given for the person the token names; denied and failed ones are unavailable', async () => {
    expect(await post('person-a', ['person-a'])).toEqual({
      data: { _entities: [{ inbox: { unreadCount: 1, unavailableAgencies: ['CAF', 'FRANCE_TRAVAIL'] } }] },
    });
  });

  it('refuses a representation of anyone else with FORBIDDEN', async () => {
    const body = await post('person-a', ['person-b']);
    expect(body.data).toEqual({ _entities: [{ inbox: null }] });
    expect(body.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['_entities', 0, 'inbox'], 'FORBIDDEN']]);
  });
});
