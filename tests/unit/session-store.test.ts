import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { connect } from 'node:net';

import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';

import {
  SessionStoreUnavailableError,
  createMemorySessionStore,
  createRedisSessionStore,
  createSession,
  destroySession,
  loadSession,
} from '../../gateway/src/session/index.ts';
import type { Session, SessionStore } from '../../gateway/src/session/index.ts';

const REDIS_URL = process.env.REDIS_URL;
/** One prefix per run, removed at the end, so runs never see each other's keys. */
const PREFIX = `cdc-test:${randomUUID()}:`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface StoreUnderTest {
  store: SessionStore;
  /** Lets time pass: the memory store's clock moves, Redis really waits. */
  elapse(ms: number): Promise<void>;
}

const stores: Array<[string, () => StoreUnderTest]> = [
  [
    'memory',
    () => {
      let now = Date.now();
      return {
        store: createMemorySessionStore({ now: () => now }),
        elapse: async (ms) => {
          now += ms;
        },
      };
    },
  ],
];
if (REDIS_URL) stores.push(['redis', () => ({ store: createRedisSessionStore({ url: REDIS_URL, prefix: PREFIX }), elapse: sleep })]);

afterAll(async () => {
  if (!REDIS_URL) return;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const camille: Session = {
  sub: 'a'.repeat(64) + 'v1',
  pivot: { given_name: 'Camille Marie', family_name: 'MARTIN', birthdate: '1986-03-14', gender: 'female', birthplace: '69123', birthcountry: '99100' },
  email: 'camille.martin@example.fr',
  idToken: 'header.payload.signature',
  createdAt: Math.floor(Date.now() / 1000),
};

describe.each(stores)('%s session store', (_name, make) => {
  async function withStore(test: (subject: StoreUnderTest) => Promise<void>) {
    const subject = make();
    try {
      await test(subject);
    } finally {
      await subject.store.close();
    }
  }

  it('gives back what was set, as a copy', () =>
    withStore(async ({ store }) => {
      const value = { a: 1, nested: { list: ['x', null, true] } };
      await store.set('k', value, 60);
      value.a = 2;
      expect(await store.get('k')).toEqual({ a: 1, nested: { list: ['x', null, true] } });
      expect(await store.get('absent')).toBeNull();
      await store.ping();
    }));

  it('forgets a value once its lifetime has passed', () =>
    withStore(async ({ store, elapse }) => {
      await store.set('short', 'v', 1);
      await elapse(1_200);
      expect(await store.get('short')).toBeNull();
    }));

  it('slides the lifetime on touch', () =>
    withStore(async ({ store, elapse }) => {
      await store.set('sliding', 'v', 2);
      await elapse(1_200);
      expect(await store.touch('sliding', 2)).toBe('v');
      await elapse(1_200);
      // 2.4 s after set, alive thanks to the touch at 1.2 s.
      expect(await store.get('sliding')).toBe('v');
      await elapse(900);
      expect(await store.touch('sliding', 2)).toBeNull();
    }));

  it('gives a taken value to one caller only', () =>
    withStore(async ({ store }) => {
      await store.set('once', { state: 's' }, 60);
      const results = await Promise.all([store.take('once'), store.take('once'), store.take('once')]);
      expect(results.filter((result) => result !== null)).toEqual([{ state: 's' }]);
      expect(await store.get('once')).toBeNull();
    }));

  it('destroys', () =>
    withStore(async ({ store }) => {
      await store.set('gone', 1, 60);
      await store.destroy('gone');
      await store.destroy('never-there');
      expect(await store.get('gone')).toBeNull();
    }));

  it('keeps sessions under fresh opaque ids, sliding, until destroyed', () =>
    withStore(async ({ store }) => {
      const first = await createSession(store, camille, 60);
      const second = await createSession(store, camille, 60);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(second).not.toBe(first);
      expect(await loadSession(store, first, 60)).toEqual(camille);
      expect(await loadSession(store, 'not-an-id', 60)).toBeNull();
      expect(await destroySession(store, first)).toEqual(camille);
      expect(await loadSession(store, first, 60)).toBeNull();
      expect(await loadSession(store, second, 60)).toEqual(camille);
    }));

  it('treats a stored value of another shape as no session', () =>
    withStore(async ({ store }) => {
      const id = 'A'.repeat(43);
      await store.set(`session:${id}`, { sub: 'x', rights: ['everything'] }, 60);
      expect(await loadSession(store, id, 60)).toBeNull();
    }));
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('redis session store without Redis', () => {
  it('rejects every call with a typed error that keeps its cause, and never crashes', async () => {
    const errors: Error[] = [];
    const store = createRedisSessionStore({ url: `redis://127.0.0.1:${await closedPort()}`, prefix: PREFIX, onError: (error) => errors.push(error) });
    try {
      for (const call of [store.get('k'), store.set('k', 1, 60), store.touch('k', 60), store.take('k'), store.ping()]) {
        const error = await call.then(
          () => undefined,
          (rejection: unknown) => rejection,
        );
        expect(error).toBeInstanceOf(SessionStoreUnavailableError);
        expect(error).toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE', cause: expect.objectContaining({ code: 'ECONNREFUSED' }) });
      }
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  const redisOnly = REDIS_URL ? it : it.skip;

  redisOnly('fails fast while Redis is away, then recovers by itself', async () => {
    const target = new URL(REDIS_URL ?? '');
    // A TCP relay in front of Redis, which the test cuts and restores.
    const sockets = new Set<Socket>();
    const relay = (): Server =>
      createServer((inbound) => {
        const outbound = connect(Number(target.port || 6379), target.hostname);
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.on('error', () => {});
          socket.on('close', () => sockets.delete(socket));
        }
        inbound.pipe(outbound).pipe(inbound);
      });
    let server = relay();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const store = createRedisSessionStore({ url: `redis://127.0.0.1:${port}`, prefix: PREFIX });
    try {
      await store.set('k', 'v', 60);
      expect(await store.get('k')).toBe('v');

      server.close();
      for (const socket of sockets) socket.destroy();
      await sleep(50);
      await expect(store.get('k')).rejects.toMatchObject({ code: 'SESSION_STORE_UNAVAILABLE' });

      server = relay();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      let value: unknown;
      for (let attempt = 0; attempt < 40 && value !== 'v'; attempt += 1) {
        value = await store.get('k').catch(() => undefined);
        if (value !== 'v') await sleep(100);
      }
      expect(value).toBe('v');
    } finally {
      await store.close();
      await new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
    }
  });
});
