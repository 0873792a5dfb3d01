import { DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../../contract/development.ts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { mintInternalToken, type InternalClaims } from '../../contract/internal-token.ts';
import { listenApp, type Listening } from '../../common/listen.ts';
import { personIdOf } from '../../common/person-id.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import { build as buildIdentity } from '../../subgraphs/identity/app.ts';
import { build as buildTraining } from '../../subgraphs/training/app.ts';
import { ThirdPartyRegistry } from '../../common/third-parties.ts';
import { createLogger } from '../../common/observability/logging.ts';
import { createJobQueue, type JobQueue } from '../../common/queue/job-queue.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { generateTokenKeys, PERSON_ID_KEY, type TestKeys } from '../support/keys.ts';

const camille = personaIdentities.find((p) => p.login === 'camille.martin')!;
const karim = personaIdentities.find((p) => p.login === 'karim.benali')!;
const camilleId = personIdOf(camille.pivot, PERSON_ID_KEY);

let keys: TestKeys;
let otherKeys: TestKeys;
let identity: Listening;
let training: Listening;
let store: TestDatabase;
let queue: JobQueue;

function citizen(identityClaim = true): InternalClaims {
  return {
    actor: { kind: 'citizen' },
    grants: { [camilleId]: ['identity:read', 'training:read'] },
    ...(identityClaim ? { identity: { pivot: camille.pivot, email: camille.email } } : {}),
  };
}

async function post(url: string, body: unknown, token?: string) {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, body: (await response.body.json()) as any };
}

const ME = { query: '{ me { id identity { givenNames familyName birthDate gender birthPlace birthCountry email } } }' };

beforeAll(async () => {
  keys = await generateTokenKeys();
  otherKeys = await generateTokenKeys();
  store = await openTestDatabase();
  queue = await createJobQueue({ database: store.db, schema: `${store.schema}_jobs`, logger: createLogger({ service: 'test', level: 'silent' }), maintenance: false });
  identity = await listenApp(
    await buildIdentity({
      tokenKey: keys.publicKey,
      personIdKey: PERSON_ID_KEY,
      database: store.db,
      thirdParties: new ThirdPartyRegistry([]),
      declarations: { queue, encryptionKey: PERSON_ID_KEY },
      notificationKey: DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY,
    }),
  );
  training = await listenApp(
    await buildTraining({
      // Nothing listens there: these tests stop before any agency call.
      agencyUrl: 'http://127.0.0.1:9',
      agencyApiKey: 'unused',
      agencyTimeoutMs: 500,
      tokenKey: keys.publicKey,
      personIdKey: PERSON_ID_KEY,
    }),
  );
});

afterAll(async () => {
  await identity?.close();
  await queue?.stop();
  await training?.close();
  await store?.drop();
});

describe('a subgraph called without a valid internal token answers 401', () => {
  const unauthenticated = (message: string) => ({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

  it('without a token', async () => {
    expect(await post(identity.url, ME)).toEqual({
      status: 401,
      body: unauthenticated('An internal token is required (Authorization: Bearer).'),
    });
  });

  it('with a token signed by another key (forged)', async () => {
    const token = await mintInternalToken(citizen(), { key: otherKeys.privateKey, audience: 'identity', lifetimeSeconds: 60 });
    expect(await post(identity.url, ME, token)).toEqual({
      status: 401,
      body: unauthenticated('internal token rejected (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)'),
    });
  });

  it('with an expired token', async () => {
    const token = await mintInternalToken(citizen(), {
      key: keys.privateKey,
      audience: 'identity',
      lifetimeSeconds: 60,
      now: Date.now() - 120_000,
    });
    expect(await post(identity.url, ME, token)).toEqual({
      status: 401,
      body: unauthenticated('internal token rejected (ERR_JWT_EXPIRED)'),
    });
  });

  it('with a token for another subgraph (wrong audience)', async () => {
    const token = await mintInternalToken(citizen(), { key: keys.privateKey, audience: 'training', lifetimeSeconds: 60 });
    expect(await post(identity.url, ME, token)).toEqual({
      status: 401,
      body: unauthenticated('internal token rejected (ERR_JWT_CLAIM_VALIDATION_FAILED)'),
    });
  });

  it('with a token living longer than 60 s', async () => {
    const token = await mintInternalToken(citizen(), { key: keys.privateKey, audience: 'identity', lifetimeSeconds: 3600 });
    expect(await post(identity.url, ME, token)).toEqual({
      status: 401,
      body: unauthenticated('internal token rejected (lifetime above 60 s)'),
    });
  });

  it('with a token from another issuer', async () => {
    const token = await new SignJWT({ act: { kind: 'citizen' }, grants: [[['identity:read'], [camilleId]]] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer('someone-else')
      .setAudience('identity')
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(keys.privateKey);
    expect(await post(identity.url, ME, token)).toEqual({
      status: 401,
      body: unauthenticated('internal token rejected (ERR_JWT_CLAIM_VALIDATION_FAILED)'),
    });
  });
});

describe('with a valid internal token', () => {
  it('identity answers `me` for the citizen the token names', async () => {
    const token = await mintInternalToken(citizen(), { key: keys.privateKey, audience: 'identity', lifetimeSeconds: 60 });
    expect(await post(identity.url, ME, token)).toEqual({
      status: 200,
      body: {
        data: {
          me: {
            id: camilleId,
            identity: {
              givenNames: ['Camille', 'Marie'],
              familyName: 'MARTIN',
              birthDate: '1986-03-14',
              gender: 'FEMALE',
              birthPlace: '69123',
              birthCountry: '99100',
              email: 'camille.martin@example.fr',
            },
          },
        },
      },
    });
  });

  it('identity refuses `me` to an anonymous caller with UNAUTHENTICATED', async () => {
    const token = await mintInternalToken(
      { actor: { kind: 'anonymous' }, grants: {} },
      { key: keys.privateKey, audience: 'identity', lifetimeSeconds: 60 },
    );
    const { status, body } = await post(identity.url, ME, token);
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to read your account: start at /auth/login.',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);
  });

  it('an agency subgraph refuses a representation of someone the token does not name', async () => {
    const token = await mintInternalToken(citizen(false), { key: keys.privateKey, audience: 'training', lifetimeSeconds: 60 });
    const entities = {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { training { cpf { balance } } } } }',
      variables: {
        r: [
          // Karim's id and pivot, with Camille's token.
          { __typename: 'Person', id: personIdOf(karim.pivot, PERSON_ID_KEY), pivot: karim.pivot },
          // Camille's id with Karim's pivot: a forged binding.
          { __typename: 'Person', id: camilleId, pivot: karim.pivot },
        ],
      },
    };
    const { status, body } = await post(training.url, entities, token);
    expect(status).toBe(200);
    expect(body.data).toEqual({ _entities: [{ training: null }, { training: null }] });
    expect(body.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([
      [['_entities', 0, 'training'], 'FORBIDDEN'],
      [['_entities', 1, 'training'], 'FORBIDDEN'],
    ]);
  });

  it('an agency subgraph refuses a token without the section scope', async () => {
    const token = await mintInternalToken(
      { actor: { kind: 'citizen' }, grants: { [camilleId]: ['identity:read'] } },
      { key: keys.privateKey, audience: 'training', lifetimeSeconds: 60 },
    );
    const { body } = await post(
      training.url,
      {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { training { cpf { balance } } } } }',
        variables: { r: [{ __typename: 'Person', id: camilleId, pivot: camille.pivot }] },
      },
      token,
    );
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'This access does not include the scope training:read.',
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });
});
