import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { request } from 'undici';
import type { RunningPlatform } from '../../dev/platform.ts';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';
import { Browser, signIn } from '../support/browser.ts';
import { TestLoadBalancer } from '../support/load-balancer.ts';
import { startTestPlatform } from '../support/platform.ts';

// Not skipped without Redis: sharing sessions across instances is what this proves. CI sets
// REDIS_URL; locally a Redis on the default port is used.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = '{ me { identity { familyName } training { cpf { balance } } } }';

const lb = new TestLoadBalancer();
let platform: RunningPlatform;

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
  // The launcher's gateway and a second instance from the same environment, as two containers of
  // one service; QUERY is not a persisted operation: development runs any document.
  platform = await startTestPlatform({ env: { GATEWAY_PUBLIC_URL: publicUrl, REDIS_URL, REDIS_KEY_PREFIX: `cdc-test-scale-${randomUUID()}:` } });
  lb.add('a', platform.listeningUrls.gateway!);
  lb.add('b', await platform.addGatewayInstance());
});

afterAll(async () => {
  await platform?.close();
  await lb.close();
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
