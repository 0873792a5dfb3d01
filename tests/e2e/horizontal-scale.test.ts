import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { Lifecycle } from '../../common/lifecycle.ts';
import { readGatewayConfig } from '../../gateway/src/config.ts';
import { startGateway, type RunningGatewayInstance } from '../../gateway/src/main.ts';
import { startAgencies, type RunningAgencies } from '../../mocks/agencies/index.ts';
import { listenProvider, type ListeningProvider } from '../../mocks/franceconnect/app.ts';
import { generatePopulation } from '../../mocks/population/index.ts';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';
import { startSubgraphs, type RunningSubgraphs } from '../../platform/subgraphs.ts';
import { Browser, signIn } from '../support/browser.ts';
import { TestLoadBalancer } from '../support/load-balancer.ts';
import { TEST_TODAY } from '../support/platform.ts';
import { ThirdPartyRegistry } from '../../common/third-parties.ts';
import type { Database } from '../../subgraphs/identity/store/database.ts';
import { openMigratedDatabase } from '../../subgraphs/identity/store/migrations.ts';
import { silentLogger } from '../../common/observability/logging.ts';

// Not skipped without Redis: sharing sessions across instances is what this proves. CI sets
// REDIS_URL; locally a Redis on the default port is used.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = '{ me { identity { familyName } training { cpf { balance } } } }';

const lb = new TestLoadBalancer();
const gateways: RunningGatewayInstance[] = [];
let agencies: RunningAgencies;
let subgraphs: RunningSubgraphs;
let database: Database;
let provider: ListeningProvider;

beforeAll(async () => {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    await redis.quit();
  } catch (error) {
    throw new Error(`This test needs the Redis at REDIS_URL (${REDIS_URL}): ${(error as Error).message}`);
  }

  const publicUrl = await lb.listen();
  const clientSecret = randomBytes(32).toString('base64url');
  const personIdKey = randomBytes(32).toString('base64url');
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  database = await openMigratedDatabase({});
  agencies = await startAgencies({ population: generatePopulation({ seed: 42, size: 200, today: TEST_TODAY }) });
  subgraphs = await startSubgraphs({
    tokenKey: publicKey,
    personIdKey,
    agencyUrls: agencies.urls,
    agencyApiKeys: agencies.apiKeys,
    agencyTimeoutMs: 3000,
    now: () => new Date(`${TEST_TODAY}T12:00:00Z`),
    database,
    thirdParties: new ThirdPartyRegistry([]),
  });
  provider = await listenProvider({
    settings: {
      gateway: {
        clientId: 'compte-des-comptes',
        clientSecret,
        redirectUris: [`${publicUrl}/auth/callback`],
        postLogoutRedirectUris: [`${publicUrl}/`],
      },
    },
  });
  // Two instances configured alike, as two containers from one environment would be.
  const env = {
    GATEWAY_PORT: '0',
    GATEWAY_PUBLIC_URL: publicUrl,
    // QUERY is not a persisted operation: development mode runs any document.
    GATEWAY_MODE: 'development',
    FC_ISSUER: provider.issuer,
    FC_CLIENT_SECRET: clientSecret,
    REDIS_URL,
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(await exportJWK(privateKey)),
    PERSON_ID_KEY: personIdKey,
    MODULE_PSEUDONYM_SECRET: randomBytes(32).toString('base64url'),
    ...Object.fromEntries(Object.entries(subgraphs.urls).map(([name, url]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, url])),
  };
  for (const name of ['a', 'b']) {
    const gateway = await startGateway(readGatewayConfig(env), { logger: silentLogger('gateway'), lifecycle: new Lifecycle() });
    gateways.push(gateway);
    lb.add(name, gateway.url);
  }
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await lb.close();
  await provider?.close();
  await subgraphs?.close();
  await agencies?.close();
  await database?.close();
});

async function logInThrough(target: string, login: string): Promise<Browser> {
  lb.target = target;
  const browser = new Browser();
  const start = await browser.get(`${lb.url}/auth/login`);
  expect(start.status).toBe(302);
  const callback = await signIn(browser, start.location!, login, DEMO_PASSWORD);
  expect(callback.location?.origin).toBe(lb.url);
  const landed = await browser.get(callback.location!);
  expect(landed.status).toBe(302);
  return browser;
}

async function queryThrough(target: string, browser: Browser) {
  lb.target = target;
  const response = await request(`${lb.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: browser.cookieHeader(lb.url) },
    body: JSON.stringify({ query: QUERY }),
  });
  return (await response.body.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

async function logOutThrough(target: string, browser: Browser): Promise<void> {
  lb.target = target;
  expect((await browser.get(`${lb.url}/auth/logout`)).status).toBe(302);
}

const KARIM = { data: { me: { identity: { familyName: 'BENALI' }, training: { cpf: { balance: 420000 } } } } };
const codeOf = (answer: Awaited<ReturnType<typeof queryThrough>>) => answer.errors?.[0]?.extensions?.code;

describe('two gateway instances sharing Redis behind one public URL', () => {
  it('a session opened through one serves queries through the other; logging out through that other ends it on both', async () => {
    const karim = await logInThrough('a', 'karim.benali');
    const cookie = karim.cookie(lb.url, 'cdc_session')!;
    expect(await queryThrough('b', karim)).toEqual(KARIM);
    expect(await queryThrough('a', karim)).toEqual(KARIM);
    await logOutThrough('b', karim);
    // The browser dropped its cookie; a copy kept anywhere is worth nothing on either instance.
    const replay = new Browser();
    replay.setCookie(lb.url, 'cdc_session', cookie);
    expect(codeOf(await queryThrough('a', replay))).toBe('UNAUTHENTICATED');
    expect(codeOf(await queryThrough('b', replay))).toBe('UNAUTHENTICATED');
  });

  it('logging out through the instance that opened the session ends it on the other too', async () => {
    const karim = await logInThrough('b', 'karim.benali');
    const cookie = karim.cookie(lb.url, 'cdc_session')!;
    expect(await queryThrough('a', karim)).toEqual(KARIM);
    await logOutThrough('b', karim);
    const replay = new Browser();
    replay.setCookie(lb.url, 'cdc_session', cookie);
    expect(codeOf(await queryThrough('a', replay))).toBe('UNAUTHENTICATED');
    expect(codeOf(await queryThrough('b', replay))).toBe('UNAUTHENTICATED');
  });

  it('served every step above from both instances', () => {
    expect(new Set(lb.served)).toEqual(new Set(['a', 'b']));
  });
});
