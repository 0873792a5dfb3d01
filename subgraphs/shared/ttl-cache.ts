/**
 * A small in-memory cache for public data: each key is produced once per `ttlMs`, concurrent
 * requests for a key share one production, and failures are not kept (the next request tries
 * again). At most `maxEntries` keys are kept; the oldest go first. Never for personal data.
 */
export class TtlCache<V> {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { value: Promise<V>; expiresAt: number }>();

  constructor(options: { ttlMs: number; maxEntries: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get(key: string, produce: () => Promise<V>): Promise<V> {
    const now = this.#now();
    const cached = this.#entries.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    const value = produce();
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: now + this.#ttlMs });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    return value;
  }

  /** Forgets every entry: the data behind them changed. */
  clear(): void {
    this.#entries.clear();
  }
}
