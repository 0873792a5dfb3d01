import type { CryptoKey, KeyObject } from 'jose';
import { mintInternalToken, type InternalClaims } from '../../contract/internal-token.ts';

export interface InternalTokenMinterOptions {
  key: CryptoKey | KeyObject;
  /** Sent as `kid`, so subgraphs holding several public keys (a rotation) pick the right one. */
  keyId?: string;
  /** Lifetime of a token; subgraphs refuse more than 60 s. */
  lifetimeSeconds?: number;
  /** A cached token is not handed out when it has less than this left to live. */
  reuseMarginSeconds?: number;
  /** Bound on cached tokens; the oldest are dropped first. */
  maxEntries?: number;
}

interface Entry {
  token: Promise<string>;
  expiresAt: number;
}

/**
 * Mints internal tokens once per (audience, subject set) for most of their lifetime rather
 * than once per subgraph call: signing is the gateway's most expensive step per request.
 */
export class InternalTokenMinter {
  readonly #key: CryptoKey | KeyObject;
  readonly #keyId: string | undefined;
  readonly #lifetime: number;
  readonly #margin: number;
  readonly #maxEntries: number;
  readonly #cache = new Map<string, Entry>();

  constructor(options: InternalTokenMinterOptions) {
    this.#key = options.key;
    this.#keyId = options.keyId;
    this.#lifetime = options.lifetimeSeconds ?? 60; // 60 s
    this.#margin = options.reuseMarginSeconds ?? 20; // 20 s
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** `cacheKey` must identify the claims completely (actor, subjects, scopes). */
  tokenFor(audience: string, claims: InternalClaims, cacheKey: string): Promise<string> {
    const key = `${audience}\u001f${cacheKey}`;
    const now = Date.now();
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt - this.#margin * 1000 > now) return cached.token;
    const token = mintInternalToken(claims, { key: this.#key, keyId: this.#keyId, audience, lifetimeSeconds: this.#lifetime, now });
    this.#cache.delete(key);
    this.#cache.set(key, { token, expiresAt: now + this.#lifetime * 1000 });
    token.catch(() => this.#cache.delete(key));
    if (this.#cache.size > this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value as string);
    return token;
  }
}
