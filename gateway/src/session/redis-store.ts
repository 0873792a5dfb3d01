import { connectRedis } from '../redis.ts';
import { SessionStoreUnavailableError } from './store.ts';
import type { JsonValue, SessionStore } from './store.ts';

export interface RedisSessionStoreOptions {
  /** e.g. redis://127.0.0.1:6379 */
  url: string;
  /** Put before every key, so several apps (or test runs) share one Redis. Default `cdc:`. */
  prefix?: string;
  /** Told of connection errors (the client's `error` event), which otherwise only reach the callers. */
  onError?: (error: Error) => void;
}

/**
 * Store shared by every gateway instance (gateway/src/redis.ts). When Redis is unreachable each
 * call fails at once with SessionStoreUnavailableError rather than waiting in a queue, and the
 * client reconnects in the background, so the gateway keeps running and recovers by itself.
 */
export function createRedisSessionStore({ url, prefix = 'cdc:', onError }: RedisSessionStoreOptions): SessionStore {
  const redis = connectRedis(url, onError);
  let closed = false;

  async function run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    try {
      if (closed) throw new Error('session store closed');
      await redis.ready();
      return await command();
    } catch (cause) {
      throw new SessionStoreUnavailableError(operation, { cause });
    }
  }

  const keyOf = (key: string) => `${prefix}${key}`;
  const { client } = redis;

  return {
    get: (key) => run('get', async () => parse(await client.get(keyOf(key)))),
    set: (key, value, ttlSeconds) =>
      run('set', async () => {
        await client.set(keyOf(key), JSON.stringify(value), 'EX', ttlSeconds);
      }),
    touch: (key, ttlSeconds) => run('touch', async () => parse(await client.getex(keyOf(key), 'EX', ttlSeconds))),
    take: (key) => run('take', async () => parse(await client.getdel(keyOf(key)))),
    destroy: (key) =>
      run('destroy', async () => {
        await client.del(keyOf(key));
      }),
    ping: () =>
      run('ping', async () => {
        await client.ping();
      }),
    async close() {
      closed = true;
      await redis.close();
    },
  };
}

function parse(stored: string | null): JsonValue | null {
  return stored === null ? null : (JSON.parse(stored) as JsonValue);
}
