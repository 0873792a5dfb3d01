import type { JsonValue, SessionStore } from './store.ts';

export interface MemorySessionStoreOptions {
  /** Clock in milliseconds; tests move it instead of waiting. */
  now?: () => number;
  /** How often expired entries are dropped, in ms; default 60 s. */
  sweepIntervalMs?: number;
}

interface Entry {
  /** Serialized, so a caller mutating what it read or wrote never changes what is stored. */
  json: string;
  expiresAt: number;
}

/**
 * Store for one gateway process (development, tests). Entries expire lazily when read; a sweep
 * that never keeps the process alive drops those nobody reads again.
 */
export function createMemorySessionStore({ now = Date.now, sweepIntervalMs = 60_000 }: MemorySessionStoreOptions = {}): SessionStore {
  const entries = new Map<string, Entry>();

  const sweep = setInterval(() => {
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
  }, sweepIntervalMs);
  sweep.unref();

  function live(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  const parse = (entry: Entry | undefined): JsonValue | null => (entry ? (JSON.parse(entry.json) as JsonValue) : null);

  return {
    async get(key) {
      return parse(live(key));
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, { json: JSON.stringify(value), expiresAt: now() + ttlSeconds * 1000 });
    },
    async touch(key, ttlSeconds) {
      const entry = live(key);
      if (entry) entry.expiresAt = now() + ttlSeconds * 1000;
      return parse(entry);
    },
    async take(key) {
      const entry = live(key);
      entries.delete(key);
      return parse(entry);
    },
    async destroy(key) {
      entries.delete(key);
    },
    async ping() {},
    async close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
