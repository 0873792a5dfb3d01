import { Redis } from 'ioredis';

/**
 * The gateway's one way to Redis, for sessions and rate limits alike (ioredis, whose scripting
 * @fastify/rate-limit's store needs): the same timeouts and backoff for both, so an outage looks
 * the same to every feature. While Redis is away commands fail at once rather than queue.
 */
export const REDIS_TIMEOUTS = {
  /** A connection attempt gives up after this: 2 s, what a login waits at most for an unreachable Redis. */
  connectMs: 2_000,
  /** A command gives up after this: 1 s. */
  commandMs: 1_000,
  /** Reconnection attempts back off from 50 ms, doubling, to at most this: 2 s. */
  maxReconnectDelayMs: 2_000,
} as const;

export interface GatewayRedis {
  client: Redis;
  /** Resolves once connected; rejects at once while Redis is away (with the last connection error), or when this attempt fails. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function connectRedis(url: string, onError: (error: Error) => void = () => {}): GatewayRedis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_TIMEOUTS.connectMs,
    commandTimeout: REDIS_TIMEOUTS.commandMs,
    retryStrategy: (attempt) => Math.min(2 ** attempt * 50, REDIS_TIMEOUTS.maxReconnectDelayMs),
  });
  let lastError: Error = new Error('redis not connected yet');
  // Without a listener an `error` event would crash the process.
  client.on('error', (error: Error) => {
    lastError = error;
    onError(error);
  });
  return {
    client,
    ready: () => {
      if (client.status === 'ready') return Promise.resolve();
      if (client.status !== 'connecting' && client.status !== 'connect') return Promise.reject(lastError);
      // The first connection (at start) is waited for, so a request right after start is not refused.
      return new Promise<void>((resolve, reject) => {
        const settle = (error?: Error) => {
          client.off('ready', onReady);
          client.off('error', settle);
          client.off('end', onEnd);
          if (error) reject(error);
          else resolve();
        };
        const onReady = () => settle();
        const onEnd = () => settle(lastError);
        client.once('ready', onReady);
        client.once('error', settle);
        client.once('end', onEnd);
      });
    },
    close: async () => {
      if (client.status === 'ready') await client.quit();
      else client.disconnect();
    },
  };
}
