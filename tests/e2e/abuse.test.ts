import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { buildManifest } from '../../operations/collect.ts';
import { queryLimits } from '../../gateway/src/limits/armor.ts';
import { DEFAULT_PROTECTION } from '../../gateway/src/limits/index.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import { Browser } from '../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';
import { graphqlAs, thirdPartyToken } from '../support/third-party.ts';

// Bad input and abuse: what the gateway refuses before it plans a query, each refusal with its
// status and code. Tight limits here so that small documents cross them.

const LIMITS = { maxDepth: 4, maxAliases: 2, maxTokens: 200, maxDirectives: 3, maxCost: 20 };

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(text) as any };
}

const codesOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.map((e) => e.extensions?.code);

describe('development mode, tight limits', () => {
  let platform: RunningPlatform;
  let karim: Browser;

  beforeAll(async () => {
    platform = await startTestPlatform({
      env: {
        GRAPHQL_MAX_DEPTH: String(LIMITS.maxDepth),
        GRAPHQL_MAX_ALIASES: String(LIMITS.maxAliases),
        GRAPHQL_MAX_TOKENS: String(LIMITS.maxTokens),
        GRAPHQL_MAX_DIRECTIVES: String(LIMITS.maxDirectives),
        GRAPHQL_MAX_COST: String(LIMITS.maxCost),
        GRAPHQL_BODY_LIMIT_BYTES: '2048',
        GRAPHQL_MAX_BATCH: '3',
        CORS_ALLOWED_ORIGINS: 'https://app.example.fr',
      },
    });
    karim = await logIn(platform, 'karim.benali');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('runs a query within every limit', async () => {
    expect((await graphql(platform, karim, '{ me { retirement { validatedQuarters } } }')).body).toEqual({
      data: { me: { retirement: { validatedQuarters: 83 } } },
    });
  });

  it.each([
    ['depth', '{ me { retirement { estimatedPension { retirementAge { years } } } } }', 'Query depth limit of 4 exceeded'],
    ['aliases', '{ a: me { id } b: me { id } c: me { id } }', 'Aliases limit of 2 exceeded'],
    ['directives', '{ me @include(if: true) { id @skip(if: false) identity @include(if: true) { familyName @skip(if: false) } } }', 'Directives limit of 3 exceeded'],
    [
      'cost',
      '{ me { identity { givenNames familyName birthDate gender birthPlace birthCountry email } retirement { validatedQuarters requiredQuarters legalAgeDate } family { children { givenNames birthDate } } } }',
      'Query Cost limit of 20 exceeded',
    ],
  ])('refuses a document over the %s limit with 400 GRAPHQL_VALIDATION_FAILED', async (_limit, query, message) => {
    const { status, body } = await graphql(platform, karim, query);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(message), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]));
  });

  it('refuses a document of too many tokens as a syntax error, before validating it', async () => {
    const { status, body } = await post(platform.gatewayUrl, { query: `{ ${'a '.repeat(250)}}` });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('200 tokens'), extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  });

  it('refuses a body over the size limit with 413 REQUEST_TOO_LARGE', async () => {
    const { status, body } = await post(platform.gatewayUrl, { query: '{ __typename }', variables: { padding: 'x'.repeat(3_000) } });
    expect([status, body]).toEqual([413, { errors: [{ message: 'The request body is larger than 2048 bytes.', extensions: { code: 'REQUEST_TOO_LARGE' } }] }]);
  });

  it('runs a batch of up to 3 operations and refuses a larger one with BATCH_TOO_LARGE', async () => {
    const op = { query: '{ __typename }' };
    const small = await post(platform.gatewayUrl, [op, op, op]);
    expect([small.status, small.body]).toEqual([200, [1, 2, 3].map(() => ({ data: { __typename: 'Query' } }))]);
    const large = await post(platform.gatewayUrl, [op, op, op, op]);
    expect([large.status, codesOf(large.body)]).toEqual([400, ['BATCH_TOO_LARGE']]);
  });

  it('answers malformed bodies with 400 and a code, never a stack', async () => {
    const broken = await post(platform.gatewayUrl, '{"query": ');
    expect([broken.status, codesOf(broken.body)]).toEqual([400, ['BAD_REQUEST']]);
    expect(JSON.stringify(broken.body)).not.toMatch(/\.(ts|js):\d+/);
  });

  it('answers an operation name the document does not hold with 400 OPERATION_RESOLUTION_FAILURE, not a 5xx', async () => {
    const cookie = karim.cookieHeader(new URL(platform.gatewayUrl).origin);
    const unknown = await post(platform.gatewayUrl, { query: 'query A { me { id } }', operationName: 'B' }, { cookie });
    expect([unknown.status, unknown.body]).toEqual([
      400,
      { errors: [{ message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] },
    ]);
    const unnamed = await post(platform.gatewayUrl, { query: 'query A { me { id } } query B { me { id } }' }, { cookie });
    expect([unnamed.status, codesOf(unnamed.body)]).toEqual([400, ['OPERATION_RESOLUTION_FAILURE']]);
  });

  it('introspection and field suggestions are on in development', async () => {
    const introspection = await post(platform.gatewayUrl, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await post(platform.gatewayUrl, { query: '{ mee { id } }' });
    expect(typo.body.errors[0].message).toBe('Cannot query field "mee" on type "Query". Did you mean "me"?');
  });

  describe('CSRF', () => {
    it('refuses what a browser sends cross-site without preflight: a simple POST, a GET without a preflight header', async () => {
      const simple = await request(`${platform.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
      expect(simple.statusCode).toBe(400);
      expect(await simple.body.text()).toContain('Cross-Site Request Forgery');
      const get = await request(`${platform.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(get.statusCode).toBe(400);
      await get.body.dump();
      const preflighted = await request(`${platform.gatewayUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect([preflighted.statusCode, await preflighted.body.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
    });

    it('refuses a logout triggered from another site, and keeps the session', async () => {
      const browser = await logIn(platform, 'lucas.petit');
      const cookie = browser.cookieHeader(new URL(platform.gatewayUrl).origin);
      const forged = await request(`${platform.gatewayUrl}/auth/logout`, { headers: { cookie, 'sec-fetch-site': 'cross-site', accept: 'text/html' } });
      expect(forged.statusCode).toBe(403);
      expect(await forged.body.text()).toContain('<code>CROSS_SITE_REQUEST_REFUSED</code>');
      const forgedPost = await request(`${platform.gatewayUrl}/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(forgedPost.statusCode).toBe(403);
      await forgedPost.body.dump();
      expect((await graphql(platform, browser, '{ me { identity { familyName } } }')).body.data).toEqual({ me: { identity: { familyName: 'PETIT' } } });
      const own = await request(`${platform.gatewayUrl}/auth/logout`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
      expect(own.statusCode).toBe(302);
      await own.body.dump();
    });
  });

  describe('CORS and security headers', () => {
    const preflight = (origin: string) =>
      request(`${platform.gatewayUrl}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });

    it('grants CORS, with credentials, to the configured origin only', async () => {
      const allowed = await preflight('https://app.example.fr');
      await allowed.body.dump();
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': 'https://app.example.fr', 'access-control-allow-credentials': 'true' });
      const other = await preflight('https://attacker.example');
      await other.body.dump();
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const read = await request(`${platform.gatewayUrl}/graphql`, { method: 'POST', headers: { origin: 'https://attacker.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      await read.body.dump();
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    });

    it.each(['/graphiql', '/auth/callback', '/auth/login'])('sends the security headers on %s', async (path) => {
      const response = await request(`${platform.gatewayUrl}${path}`);
      await response.body.dump();
      expect(response.headers).toMatchObject({
        'content-security-policy': expect.stringMatching(/default-src 'self';.*frame-ancestors 'none'/),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
    });
  });
});

describe('persisted operations only (production’s documents)', () => {
  let platform: RunningPlatform;
  let karim: Browser;
  const manifest = buildManifest();

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { GATEWAY_DOCUMENTS: 'persisted' } });
    karim = await logIn(platform, 'karim.benali');
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('runs a persisted operation sent by its id, or by its exact text', async () => {
    const { operations } = await manifest;
    const retirement = operations.find((o) => o.name === 'MaRetraite')!;
    const cookie = karim.cookieHeader(new URL(platform.gatewayUrl).origin);
    const byId = await post(platform.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: retirement.id } } }, { cookie });
    expect(byId.status).toBe(200);
    expect(byId.body.data.me.retirement.validatedQuarters).toBe(83);
    const byText = await graphql(platform, karim, retirement.body);
    expect(byText.body).toEqual(byId.body);
  });

  it.each([
    ['any other document', { query: '{ me { id } }' }],
    ['introspection', { query: '{ __schema { types { name } } }' }],
    ['a typo that would earn a suggestion', { query: '{ mee { id } }' }],
    ['a registered operation changed by one character', { query: '{ __typename }' }],
  ])('refuses %s with 400 PERSISTED_QUERY_NOT_IN_LIST, before parsing it', async (_what, body) => {
    const { status, body: answer } = await post(platform.gatewayUrl, body);
    expect([status, codesOf(answer)]).toEqual([400, ['PERSISTED_QUERY_NOT_IN_LIST']]);
    expect(JSON.stringify(answer)).not.toContain('Did you mean');
  });

  it('knows no id but the registered ones, and registers none (APQ is read-only)', async () => {
    const query = '{ __typename }';
    const { createHash } = await import('node:crypto');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const unknown = await post(platform.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(codesOf(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const register = await post(platform.gatewayUrl, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(codesOf(register.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(codesOf((await post(platform.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash } } })).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('still gives GraphiQL the public schema, without introspection: no field the public schema hides', async () => {
    const response = await request(`${platform.gatewayUrl}/graphiql/schema.json`);
    expect(response.statusCode).toBe(200);
    const { __schema } = (await response.body.json()) as { __schema: { queryType: { name: string }; types: Array<{ name: string; fields: Array<{ name: string }> | null }> } };
    expect(__schema.queryType.name).toBe('Query');
    const fieldsOf = (type: string) => __schema.types.find((t) => t.name === type)?.fields?.map((f) => f.name);
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['me', 'trainings']));
    // `pivot` is @inaccessible: it travels between subgraphs, never to a client.
    expect(fieldsOf('Person')).toEqual(expect.arrayContaining(['id', 'identity', 'training']));
    expect(fieldsOf('Person')).not.toContain('pivot');
  });

  it('masks field suggestions (graphql-armor), which would map the schema', async () => {
    const { plugins, validationRules } = queryLimits(DEFAULT_PROTECTION, true);
    const server = new ApolloServer({ typeDefs: 'type Query { me: String }', plugins, validationRules });
    await server.start();
    try {
      const result = await server.executeOperation({ query: '{ mee }' });
      expect(result.body.kind === 'single' && result.body.singleResult.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query". [Suggestion hidden]?');
    } finally {
      await server.stop();
    }
  });
});

describe('rate limits', () => {
  const redisUrl = process.env.REDIS_URL;
  const redisPrefix = `cdc-test-abuse-${randomUUID()}:`;
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({
      env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix, RATE_LIMIT_PER_SESSION: '4', RATE_LIMIT_PER_CLIENT: '10', RATE_LIMIT_WINDOW_MS: '60000' },
    });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it(`counts per session and per client${redisUrl ? ', in Redis under hashed keys' : ''}, and refuses with 429 RATE_LIMITED and retry-after`, async () => {
    const karim = await logIn(platform, 'karim.benali');
    const query = '{ me { identity { familyName } } }';
    for (let i = 0; i < 4; i += 1) expect((await graphql(platform, karim, query)).status).toBe(200);
    const limited = await request(`${platform.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: karim.cookieHeader(new URL(platform.gatewayUrl).origin) },
      body: JSON.stringify({ query }),
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await limited.body.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests/), extensions: { code: 'RATE_LIMITED' } }] });

    // Another client (no session) is still served until the per-client budget, shared by this address, is spent.
    let status = 200;
    let served = 0;
    while (status === 200 && served < 20) {
      status = (await post(platform.gatewayUrl, { query: '{ __typename }' })).status;
      if (status === 200) served += 1;
    }
    expect(status).toBe(429);
    expect(served).toBeLessThan(10);
    // No proxy is trusted here: naming another address in X-Forwarded-For changes nothing.
    expect((await post(platform.gatewayUrl, { query: '{ __typename }' }, { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    // Health checks and metrics scrapes are never limited.
    expect((await request(`${platform.gatewayUrl}/healthz`)).statusCode).toBe(200);
    expect((await request(`${platform.gatewayUrl}/metrics`)).statusCode).toBe(200);

    if (redisUrl) {
      const redis = new Redis(redisUrl);
      try {
        const keys = await redis.keys(`${redisPrefix}rate-limit:*`);
        expect(keys.length).toBeGreaterThanOrEqual(2);
        const sessionId = karim.cookie(new URL(platform.gatewayUrl).origin, 'cdc_session')!;
        expect(keys.join(' ')).not.toContain(sessionId);
      } finally {
        await redis.quit();
      }
    }
  });
});

describe('rate limits count operations, not requests', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { RATE_LIMIT_PER_SESSION: '4', RATE_LIMIT_PER_CLIENT: '100', RATE_LIMIT_WINDOW_MS: '60000' } });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('counts each operation of a batch: a batch of 3 and one request spend a budget of 4', async () => {
    const aicha = await logIn(platform, 'aicha.diallo');
    const cookie = aicha.cookieHeader(new URL(platform.gatewayUrl).origin);
    const op = { query: '{ me { id } }' };
    expect((await post(platform.gatewayUrl, [op, op, op], { cookie })).status).toBe(200);
    expect((await post(platform.gatewayUrl, op, { cookie })).status).toBe(200);
    const limited = await post(platform.gatewayUrl, op, { cookie });
    expect([limited.status, codesOf(limited.body)]).toEqual([429, ['RATE_LIMITED']]);
  });
});

describe('rate limits for third parties', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ env: { RATE_LIMIT_PER_CLIENT: '3', RATE_LIMIT_WINDOW_MS: '60000' } });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('counts a third party by its verified client_id: its tokens share one budget; forged tokens count against their address', async () => {
    const query = '{ beneficiaries(first: 1) { totalCount } }';
    const statusAs = async (token: string) => (await graphqlAs(platform, token, query)).status;
    const first = await thirdPartyToken(platform, 'ccas-lyon', ['family:read']);
    const second = await thirdPartyToken(platform, 'ccas-lyon', ['family:read']);
    expect(second).not.toBe(first);
    expect([await statusAs(first), await statusAs(second), await statusAs(first)]).toEqual([200, 200, 200]);
    const limited = await graphqlAs(platform, second, query);
    expect([limited.status, limited.body.errors?.map((e) => e.extensions?.code)]).toEqual([429, ['RATE_LIMITED']]);
    expect(await statusAs(first)).toBe(429);

    // Another client, and this address, have budgets of their own.
    expect(await statusAs(await thirdPartyToken(platform, 'cfdt-conseil', ['employment:read']))).toBe(200);
    expect((await post(platform.gatewayUrl, { query: '{ __typename }' })).status).toBe(200);
    // A token that fails verification is counted by address, so new forged tokens open no new budget.
    expect([await statusAs('forged-1'), await statusAs('forged-2'), await statusAs('forged-3')]).toEqual([401, 401, 429]);
  });
});

describe('rate limits behind a load balancer', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({
      // The test stands where the balancer would: it connects from this machine.
      env: { GATEWAY_TRUSTED_PROXIES: 'loopback', RATE_LIMIT_PER_CLIENT: '3', RATE_LIMIT_WINDOW_MS: '60000' },
    });
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('counts each client by the address the balancer forwards, not by the balancer’s own', async () => {
    // What nginx sends: the client's own X-Forwarded-For, if any, with the address it saw appended.
    const from = async (forwardedFor: string) => (await post(platform.gatewayUrl, { query: '{ __typename }' }, { 'x-forwarded-for': forwardedFor })).status;
    for (let i = 0; i < 3; i += 1) expect(await from('203.0.113.1')).toBe(200);
    expect(await from('203.0.113.1')).toBe(429);
    expect(await from('203.0.113.2')).toBe(200);
    // Only the address the balancer appended is believed: a client cannot pose as another.
    expect(await from('203.0.113.2, 203.0.113.1')).toBe(429);
  });
});
