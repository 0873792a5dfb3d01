import { SignJWT, jwtVerify, errors as joseErrors, type CryptoKey, type JWTPayload, type JWTVerifyGetKey, type KeyObject } from 'jose';
import type { Pivot } from '../mocks/population/pivot.ts';

/**
 * The internal token: the only credential a subgraph accepts. The gateway mints one per
 * subgraph (audience) for each request; it says who acts, on whose behalf and with which
 * scopes. Browser cookies and FranceConnect tokens never travel past the gateway.
 */

export const INTERNAL_TOKEN_ISSUER = 'compte-des-comptes-gateway';
export const INTERNAL_TOKEN_ALG = 'ES256';
/** Upper bound on a token's lifetime accepted by subgraphs. */
export const INTERNAL_TOKEN_MAX_LIFETIME_SECONDS = 60;

export type Actor =
  | { kind: 'anonymous' }
  /** The person themselves, signed in through FranceConnect. */
  | { kind: 'citizen' };

export interface InternalClaims {
  actor: Actor;
  /** Person ids the actor may read; empty for anonymous. */
  subjects: string[];
  /** Space-separated scopes, e.g. `identity:read training:read`. */
  scope: string;
  /** The signed-in citizen's identity, only in citizens' tokens for the platform's own subgraphs. */
  identity?: { pivot: Pivot; email: string | null };
}

export interface VerifiedToken extends InternalClaims {
  audience: string;
  scopes: ReadonlySet<string>;
}

type SigningKey = CryptoKey | KeyObject;
/**
 * One public key, or a key set picked from by the token's `kid`: during a rotation subgraphs
 * accept the old and the new key while gateways switch (docs/deployment.md).
 */
export type VerificationKey = CryptoKey | KeyObject | JWTVerifyGetKey;

export async function mintInternalToken(
  claims: InternalClaims,
  options: { key: SigningKey; keyId?: string; audience: string; lifetimeSeconds: number; now?: number },
): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: JWTPayload = { act: claims.actor, sub_ids: claims.subjects, scope: claims.scope };
  if (claims.identity) payload.identity = claims.identity;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: INTERNAL_TOKEN_ALG, typ: 'at+jwt', ...(options.keyId ? { kid: options.keyId } : {}) })
    .setIssuer(INTERNAL_TOKEN_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.lifetimeSeconds)
    .sign(options.key);
}

export class InternalTokenError extends Error {
  readonly code = 'INVALID_INTERNAL_TOKEN';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Verifies signature, issuer, audience, expiry and lifetime; returns the claims or throws InternalTokenError. */
export async function verifyInternalToken(
  token: string,
  options: { key: VerificationKey; audience: string },
): Promise<VerifiedToken> {
  let payload: JWTPayload;
  try {
    const checks = { issuer: INTERNAL_TOKEN_ISSUER, audience: options.audience, algorithms: [INTERNAL_TOKEN_ALG], requiredClaims: ['iat', 'exp'] };
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
  const subjects = payload.sub_ids;
  if (!actor || typeof actor.kind !== 'string' || !Array.isArray(subjects) || typeof payload.scope !== 'string') {
    throw new InternalTokenError('internal token rejected (missing act, sub_ids or scope)');
  }
  const claims: VerifiedToken = {
    audience: options.audience,
    actor,
    subjects: subjects as string[],
    scope: payload.scope,
    scopes: new Set(payload.scope.split(' ').filter(Boolean)),
  };
  if (payload.identity) claims.identity = payload.identity as InternalClaims['identity'];
  return claims;
}
