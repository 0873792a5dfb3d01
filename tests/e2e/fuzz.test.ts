import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { request } from 'undici';
import { collectOperations } from '../../operations/collect.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import type { Browser } from '../support/browser.ts';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';

// Thousands of seeded, generated malformed requests: mutated documents, random variables,
// random JSON and raw bodies, batches, content types. The gateway never crashes, never hangs,
// never answers a 5xx (none is documented for bad input), and its memory stays flat.

const SEED = 20261110;
const WARM_UP = 400;
const REQUESTS = 2_400;
const CONCURRENCY = 24;
/** Heap growth allowed after GC, in bytes: generous, the whole platform shares this process. */
const HEAP_GROWTH_LIMIT = 40 * 1024 * 1024; // 40 MiB

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Random = ReturnType<typeof generator>;

const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '...', '@include(if: true)', '@skip', '$x', '!', '=', '"', '"""', '#', ',', '|', '&', '__typename', 'me', 'query', 'mutation', 'fragment F on Person', 'on', 'null', '0', '-1e309', '\u0000', '\uffff', '😀', '\\', 'me { me { me { me {', ' '.repeat(50)];
const SAMPLE_DOCUMENTS = [
  '{ me { id identity { familyName } } }',
  '{ me { training { cpf { balance history { date amount } } } } }',
  'query T($first: Int, $after: String) { me { timeline(first: $first, after: $after) { totalCount edges { cursor } } } }',
  'query Q($x: Int!) { me { id } }',
  '{ __schema { types { name fields { name } } } }',
];

function randomString(random: Random, max = 40): string {
  return Array.from({ length: random.int(max) }, () => String.fromCharCode(random.pick([random.int(128), 0x20 + random.int(0x5f), random.int(0xffff)]))).join('');
}

/** Header-safe characters only: the client refuses others before they are sent. */
function randomToken(random: Random, max = 40): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-=/.;, ';
  return Array.from({ length: random.int(max) }, () => alphabet[random.int(alphabet.length)]).join('');
}

function randomJson(random: Random, depth = 0): unknown {
  switch (depth > 3 ? random.int(4) : random.int(7)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31) - 1, 1e308, Number.MAX_SAFE_INTEGER]);
    case 2:
      return randomString(random);
    case 3:
      return random.next() < 0.5;
    case 4:
      return Array.from({ length: random.int(5) }, () => randomJson(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: random.int(5) }, () => [random.pick(['query', 'variables', 'operationName', 'extensions', 'first', 'x', randomString(random, 8)]), randomJson(random, depth + 1)]));
  }
}

function mutate(random: Random, document: string): string {
  let text = document;
  for (let i = 0, n = 1 + random.int(4); i < n; i += 1) {
    const at = random.int(text.length + 1);
    switch (random.int(4)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + 1 + random.int(5));
        break;
      case 1:
        text = `${text.slice(0, at)} ${random.pick(TOKENS)} ${text.slice(at)}`;
        break;
      case 2:
        text = text.slice(0, at);
        break;
      default:
        text = text.slice(0, at) + randomString(random, 6) + text.slice(at);
    }
  }
  return text;
}

interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function fuzzRequest(random: Random, documents: readonly string[], cookie: string): FuzzRequest {
  const headers: Record<string, string> = { 'content-type': random.pick(['application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/graphql', 'application/x-www-form-urlencoded']) };
  if (random.next() < 0.5) headers.cookie = random.next() < 0.8 ? cookie : `cdc_session=${randomToken(random, 50)}`;
  if (random.next() < 0.3) headers['apollo-require-preflight'] = 'true';
  if (random.next() < 0.2) headers.accept = random.pick(['application/graphql-response+json', 'text/html', '*/*', randomToken(random, 10)]);
  const operation = () => ({
    query: random.next() < 0.8 ? mutate(random, random.pick(documents)) : randomJson(random),
    ...(random.next() < 0.5 ? { variables: random.next() < 0.7 ? { first: randomJson(random), after: randomJson(random), x: randomJson(random) } : randomJson(random) } : {}),
    ...(random.next() < 0.2 ? { operationName: randomJson(random) } : {}),
    ...(random.next() < 0.1 ? { extensions: { persistedQuery: { version: random.pick([1, 2, '1']), sha256Hash: randomString(random, 64) } } } : {}),
  });
  switch (random.int(8)) {
    case 0:
      return { method: 'POST', path: '/graphql', headers, body: randomString(random, 200) };
    case 1:
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify(randomJson(random)) };
    case 2:
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify(Array.from({ length: random.int(14) }, operation)) };
    case 3: {
      const params = new URLSearchParams({ query: mutate(random, random.pick(documents)) });
      if (random.next() < 0.5) params.set('variables', random.next() < 0.5 ? JSON.stringify(randomJson(random)) : randomString(random));
      return { method: 'GET', path: `/graphql?${params}`, headers };
    }
    case 4:
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify(operation()).slice(0, random.int(200)) };
    default:
      return { method: 'POST', path: '/graphql', headers, body: JSON.stringify(operation()) };
  }
}

let platform: RunningPlatform;
let karim: Browser;
let documents: string[];

beforeAll(async () => {
  platform = await startTestPlatform({ env: { RATE_LIMIT_PER_CLIENT: '1000000', RATE_LIMIT_PER_SESSION: '1000000' } });
  karim = await logIn(platform, 'karim.benali');
  documents = [...SAMPLE_DOCUMENTS, ...(await collectOperations()).map((o) => o.body)];
});

afterAll(async () => {
  await platform?.close();
});

function collectGarbage(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

async function fire(random: Random, count: number, statuses: Map<number, number>, failures: string[]) {
  const cookie = karim.cookieHeader(new URL(platform.gatewayUrl).origin);
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      sent += 1;
      const fuzz = fuzzRequest(random, documents, cookie);
      const response = await request(`${platform.gatewayUrl}${fuzz.path}`, {
        method: fuzz.method,
        headers: fuzz.headers,
        body: fuzz.body,
        headersTimeout: 10_000, // no hang: an answer within 10 s or the request fails
        bodyTimeout: 10_000,
      });
      const text = await response.body.text();
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500 || /\.(ts|js):\d+:\d+/.test(text)) failures.push(`${response.statusCode} ${JSON.stringify(fuzz).slice(0, 300)} → ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe('fuzzing the gateway', () => {
  it(`answers ${REQUESTS} seeded malformed requests without a crash, a hang, a 5xx or a stack, with a flat heap`, async () => {
    const random = generator(SEED);
    const gc = collectGarbage();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await fire(random, WARM_UP, statuses, failures);
    gc();
    const before = process.memoryUsage().heapUsed;
    await fire(random, REQUESTS, statuses, failures);
    gc();
    const after = process.memoryUsage().heapUsed;
    process.stdout.write(
      `\nfuzz (seed ${SEED}): ${WARM_UP + REQUESTS} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB\n`,
    );
    expect(failures).toEqual([]);
    expect(after - before).toBeLessThan(HEAP_GROWTH_LIMIT);
    // Still standing, and still right.
    expect((await request(`${platform.gatewayUrl}/healthz`)).statusCode).toBe(200);
    expect((await graphql(platform, karim, '{ me { retirement { validatedQuarters } } }')).body).toEqual({ data: { me: { retirement: { validatedQuarters: 83 } } } });
  }, 60_000);
});
