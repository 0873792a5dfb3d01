import type { CryptoKey, KeyObject } from 'jose';
import { LRUCache } from 'lru-cache';
import { mintInternalToken, type InternalClaims } from '../../contract/internal-token.ts';

export interface InternalTokenMinterOptions {
  key: CryptoKey | KeyObject;
  /** Sent as `kid`, so subgraphs holding several public keys (a rotation) pick the right one. */
  keyId?: string;
  /** Lifetime of a token; subgraphs refuse more than 60 s. */
  lifetimeSeconds?: number;
  /** A cached token is not handed out when it has less than this left to live. */
  reuseMarginSeconds?: number;
  /** Bound on cached tokens; the least recently used are dropped first. */
  maxEntries?: number;
}

/**
 * Mints internal tokens once per (audience, subject set) for most of their lifetime rather
 * than once per subgraph call: signing is the gateway's most expensive step per request. A
 * token is reused until it has `reuseMarginSeconds` left (lru-cache's ttl); concurrent calls
 * share one signature; a failed one is not kept.
 */
export class InternalTokenMinter {
  readonly #cache: LRUCache<string, string, { audience: string; claims: InternalClaims }>;

  constructor(options: InternalTokenMinterOptions) {
    const lifetimeSeconds = options.lifetimeSeconds ?? 60; // 60 s
    const reuseMarginSeconds = options.reuseMarginSeconds ?? 20; // 20 s
    this.#cache = new LRUCache({
      max: options.maxEntries ?? 10_000,
      ttl: (lifetimeSeconds - reuseMarginSeconds) * 1000,
      fetchMethod: (_key, _stale, { context }) =>
        mintInternalToken(context.claims, { key: options.key, keyId: options.keyId, audience: context.audience, lifetimeSeconds }),
    });
  }

  /** `cacheKey` must identify the claims completely (actor, subjects, scopes, identity). */
  tokenFor(audience: string, claims: InternalClaims, cacheKey: string): Promise<string> {
    return this.#cache.forceFetch(`${audience}\u001f${cacheKey}`, { context: { audience, claims } });
  }
}
