import { createMemorySessionStore } from './memory-store.ts';
import { createRedisSessionStore } from './redis-store.ts';
import type { SessionStore } from './store.ts';

export { createMemorySessionStore } from './memory-store.ts';
export { createRedisSessionStore } from './redis-store.ts';
export { SessionStoreUnavailableError } from './store.ts';
export type { JsonValue, SessionStore } from './store.ts';
export { DEFAULT_ABSOLUTE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT_SECONDS, createSession, destroySession, loadSession } from './sessions.ts';
export type { Session, SessionIdentity } from './sessions.ts';

export interface SessionStoreOptions {
  /** Redis when set (several gateway instances share sessions), this process's memory otherwise. */
  redisUrl?: string;
  /** Key prefix in Redis; default `cdc:`. */
  prefix?: string;
  onError?: (error: Error) => void;
}

export function createSessionStore({ redisUrl, prefix, onError }: SessionStoreOptions = {}): SessionStore {
  return redisUrl ? createRedisSessionStore({ url: redisUrl, prefix, onError }) : createMemorySessionStore();
}
