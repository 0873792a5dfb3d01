import { SignJWT, jwtVerify, errors as joseErrors, type CryptoKey, type JWTPayload, type JWTVerifyGetKey, type KeyObject } from 'jose';
import { LRUCache } from 'lru-cache';
import { PlatformError } from './errors.ts';
import type { Pivot } from './pivot.ts';

/**
 * The internal token: the only credential a subgraph accepts. The gateway mints one per
 * subgraph (audience) for each request; it says who acts, on whose behalf and with which
 * scopes. Browser cookies, FranceConnect and third-party tokens never travel past the gateway.
 */

export const INTERNAL_TOKEN_ISSUER = 'compte-des-comptes-gateway';
export const INTERNAL_TOKEN_ALG = 'ES256';
/**
 * Audience of tokens for the identity subgraph's internal API (consents of a third party,
 * journal writes), distinct from its GraphQL audience so neither token opens the other door.
 */
export const IDENTITY_INTERNAL_AUDIENCE = 'identity-internal';

/** Upper bound on a token's lifetime accepted by subgraphs. */
export const INTERNAL_TOKEN_MAX_LIFETIME_SECONDS = 60;

export type Actor =
  | { kind: 'anonymous' }
  /** The person themselves, signed in through FranceConnect. */
  | { kind: 'citizen' }
  /** A registered organisation reading, through the person's consent, with client credentials. */
  | { kind: 'third_party'; clientId: string; name: string }
  /** A process of the platform acting on its own (the declarations worker delivering a change). */
  | { kind: 'platform'; name: string };

/**
 * Scopes per person: `{ [personId]: ['family:read'] }`. A citizen holds every scope on their
 * own id; a third party holds, per person, the consented scopes its token also carries. In a
 * module's token the keys are the module's pseudonyms, never person ids.
 */
export type Grants = Readonly<Record<string, readonly string[]>>;

export interface InternalClaims {
  actor: Actor;
  grants: Grants;
  /**
   * The signed-in citizen's identity, only in citizens' tokens, and only for the subgraphs that
   * need it: the pivot for identity and the agency subgraphs, the email for identity alone.
   */
  identity?: { pivot: Pivot; email?: string | null };
}

export interface VerifiedToken extends InternalClaims {
  audience: string;
}

type SigningKey = CryptoKey | KeyObject;
/**
 * One public key, or a key set picked from by the token's `kid`: during a rotation subgraphs
 * accept the old and the new key while gateways switch (docs/deployment.md).
 */
export type VerificationKey = CryptoKey | KeyObject | JWTVerifyGetKey;

/** True when the token lets its actor read `scope` about `personId`. */
export function hasGrant(token: InternalClaims, personId: string, scope: string): boolean {
  return Object.hasOwn(token.grants, personId) && (token.grants[personId] ?? []).includes(scope);
}

/**
 * In the JWT, persons sharing one set of scopes are grouped (`[[scopes, [ids]]…]`): a social
 * worker's hundred beneficiaries mostly share a few sets, and the token travels in a header.
 */
type EncodedGrants = Array<[string[], string[]]>;

function encodeGrants(grants: Grants): EncodedGrants {
  const groups = new Map<string, [string[], string[]]>();
  for (const [personId, scopes] of Object.entries(grants)) {
    const sorted = [...scopes].sort();
    const key = sorted.join(' ');
    const group = groups.get(key) ?? [sorted, []];
    group[1].push(personId);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function decodeGrants(encoded: unknown): Grants | undefined {
  if (!Array.isArray(encoded)) return undefined;
  const grants: Record<string, string[]> = Object.create(null);
  for (const group of encoded) {
    if (!Array.isArray(group) || group.length !== 2) return undefined;
    const [scopes, ids] = group as unknown[];
    if (!isStrings(scopes) || !isStrings(ids)) return undefined;
    for (const id of ids) grants[id] = [...new Set([...(grants[id] ?? []), ...scopes])];
  }
  return grants;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export async function mintInternalToken(
  claims: InternalClaims,
  options: { key: SigningKey; keyId?: string; audience: string; lifetimeSeconds: number; now?: number },
): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: JWTPayload = { act: claims.actor, grants: encodeGrants(claims.grants) };
  if (claims.identity) payload.identity = claims.identity;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: INTERNAL_TOKEN_ALG, typ: 'at+jwt', ...(options.keyId ? { kid: options.keyId } : {}) })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.lifetimeSeconds)
    .sign(options.key);
}

/** A refused internal token: the subgraph answers 401 UNAUTHENTICATED, saying which check failed. */
export class InternalTokenError extends PlatformError {
  override readonly name = 'InternalTokenError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAUTHENTICATED', { message, cause: options?.cause });
  }
}

/** Verifies signature, issuer, audience, expiry and lifetime; returns the claims or throws InternalTokenError. */
export async function verifyInternalToken(
  token: string,
  options: { key: VerificationKey; audience: string },
): Promise<VerifiedToken> {
  return (await verifyWithExpiry(token, options)).claims;
}

/**
 * Verifies the internal tokens of one audience and remembers each verified token until it
 * expires (lru-cache, the entry's ttl set to the token's): the gateway reuses a token for most
 * of its minute (gateway/src/internal-tokens.ts), so a subgraph would otherwise check the same
 * ES256 signature on every call, one of its main costs in profiles. The same string always
 * verifies the same way until `exp`; refusals are not remembered. The claims handed out are
 * frozen, as they are shared between requests.
 */
export class InternalTokenVerifier {
  readonly #cache: LRUCache<string, VerifiedToken>;

  constructor(options: { key: VerificationKey; audience: string; maxEntries?: number; now?: () => number }) {
    const now = options.now ?? Date.now;
    this.#cache = new LRUCache({
      max: options.maxEntries ?? 10_000,
      perf: { now },
      // Read the clock at every look-up, not once per millisecond: a token must not outlive its exp.
      ttlResolution: 0,
      fetchMethod: async (token, _stale, fetch) => {
        const at = now();
        const { claims, expiresAt } = await verifyWithExpiry(token, { key: options.key, audience: options.audience, currentDate: new Date(at) });
        // lru-cache keeps an entry while its age is at most its ttl; the token is valid while now < exp.
        // (A ttl of 0 would keep it for ever, hence at least 1 ms.)
        fetch.options.ttl = Math.max(1, expiresAt - at - 1);
        Object.freeze(claims.grants);
        return Object.freeze(claims);
      },
    });
  }

  verify(token: string): Promise<VerifiedToken> {
    return this.#cache.forceFetch(token);
  }
}

async function verifyWithExpiry(
  token: string,
  options: { key: VerificationKey; audience: string; currentDate?: Date },
): Promise<{ claims: VerifiedToken; expiresAt: number }> {
  let payload: JWTPayload;
  try {
    const checks = {
      issuer: INTERNAL_TOKEN_ISSUER,
      audience: options.audience,
      algorithms: [INTERNAL_TOKEN_ALG],
      requiredClaims: ['iat', 'exp'],
      currentDate: options.currentDate,
    };
    ({ payload } =
      typeof options.key === 'function' ? await jwtVerify(token, options.key, checks) : await jwtVerify(token, options.key, checks));
  } catch (cause) {
    const reason = cause instanceof joseErrors.JOSEError ? cause.code : 'ERR_JWT_INVALID';
    throw new InternalTokenError(`internal token rejected (${reason})`, { cause });
  }
  if ((payload.exp as number) - (payload.iat as number) > INTERNAL_TOKEN_MAX_LIFETIME_SECONDS) {
    throw new InternalTokenError('internal token rejected (lifetime above 60 s)');
  }
  const actor = payload.act as Actor | undefined;
  const grants = decodeGrants(payload.grants);
  if (!actor || typeof actor.kind !== 'string' || !grants) {
    throw new InternalTokenError('internal token rejected (missing act or grants)');
  }
  const claims: VerifiedToken = { audience: options.audience, actor, grants };
  if (payload.identity) claims.identity = payload.identity as InternalClaims['identity'];
  return { claims, expiresAt: (payload.exp as number) * 1000 };
}
