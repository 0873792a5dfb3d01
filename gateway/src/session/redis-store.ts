import { createClient } from 'redis';

import { SessionStoreUnavailableError } from './store.ts';
import type { JsonValue, SessionStore } from './store.ts';

export interface RedisSessionStoreOptions {
  /** e.g. redis://127.0.0.1:6379 */
  url: string;
  /** Put before every key, so several apps (or test runs) share one Redis. Default `cdc:`. */
  prefix?: string;
  /** Default 2 s: a login waits at most this long for an unreachable Redis. */
  connectTimeoutMs?: number;
  /** Default 1 s per command. */
  commandTimeoutMs?: number;
  /** Told of connection errors (the client's `error` event), which otherwise only reach the callers. */
  onError?: (error: Error) => void;
}

const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Store shared by every gateway instance. Connects on first use. When Redis is unreachable each
 * call fails at once with SessionStoreUnavailableError rather than waiting in a queue, and the
 * next call tries again, so the gateway keeps running and recovers by itself.
 */
export function createRedisSessionStore({
  url,
  prefix = 'cdc:',
  connectTimeoutMs = 2_000,
  commandTimeoutMs = 1_000,
  onError = () => {},
}: RedisSessionStoreOptions): SessionStore {
  let connectedOnce = false;
  const client = createClient({
    url,
    // Fail fast while disconnected instead of queueing commands for an unknown time.
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: {
      connectTimeout: connectTimeoutMs,
      // A first connection that fails is reported to the caller (the next call retries); a
      // connection lost later is re-established in the background with capped backoff.
      reconnectStrategy: (retries) => (connectedOnce ? Math.min(2 ** retries * 50, MAX_RECONNECT_DELAY_MS) : false),
    },
  });
  // Without a listener an `error` event would crash the process.
  client.on('error', (error: Error) => onError(error));
  client.on('ready', () => {
    connectedOnce = true;
  });

  let connecting: Promise<unknown> | undefined;
  let closed = false;

  async function ready(): Promise<typeof client> {
    if (closed) throw new SessionStoreUnavailableError('closed');
    if (!connecting && !client.isOpen) {
      connecting = client.connect().finally(() => {
        connecting = undefined;
      });
    }
    // Open but not ready means reconnecting in the background: commands then fail fast.
    await connecting;
    return client;
  }

  async function run<T>(operation: string, command: (redis: typeof client) => Promise<T>): Promise<T> {
    try {
      return await command(await ready());
    } catch (cause) {
      if (cause instanceof SessionStoreUnavailableError) throw cause;
      throw new SessionStoreUnavailableError(operation, { cause });
    }
  }

  const keyOf = (key: string) => `${prefix}${key}`;

  return {
    get: (key) => run('get', async (redis) => parse(await redis.get(keyOf(key)))),
    set: (key, value, ttlSeconds) =>
      run('set', async (redis) => {
        await redis.set(keyOf(key), JSON.stringify(value), { expiration: { type: 'EX', value: ttlSeconds } });
      }),
    touch: (key, ttlSeconds) => run('touch', async (redis) => parse(await redis.getEx(keyOf(key), { type: 'EX', value: ttlSeconds }))),
    take: (key) => run('take', async (redis) => parse(await redis.getDel(keyOf(key)))),
    destroy: (key) =>
      run('destroy', async (redis) => {
        await redis.del(keyOf(key));
      }),
    ping: () =>
      run('ping', async (redis) => {
        await redis.ping();
      }),
    async close() {
      closed = true;
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}

function parse(stored: string | null): JsonValue | null {
  return stored === null ? null : (JSON.parse(stored) as JsonValue);
}
