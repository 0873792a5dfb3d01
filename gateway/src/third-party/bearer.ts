import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { request, type Dispatcher } from 'undici';
import type { ThirdParty, ThirdPartyRegistry } from '../../../common/third-parties.ts';
import { PlatformError } from '../../../contract/errors.ts';

export interface BearerVerifierOptions {
  /** The OpenID provider that issues third parties' client-credentials tokens. */
  issuer: string;
  /** The gateway's resource indicator, the tokens' `aud`. */
  audience: string;
  registry: ThirdPartyRegistry;
  dispatcher: Dispatcher;
  /** Budget of a discovery or JWKS call. */
  timeoutMs?: number;
}

export interface VerifiedThirdParty {
  client: ThirdParty;
  /** Scopes the token carries, all within the client's registration. */
  scopes: string[];
}

/** The provider signs access tokens with ES256 and types them as RFC 9068 access tokens. */
const ALGORITHMS = ['ES256'];
const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * Verifies a third party's bearer token offline against the provider's published keys:
 * signature, issuer, audience, expiry, type, a registered client and scopes within its
 * registration. Discovery and keys are fetched on first use, cached, and fetched again after
 * a failure or when a token names an unknown key (jose's remote JWKS).
 */
export function createBearerVerifier(options: BearerVerifierOptions): (token: string) => Promise<VerifiedThirdParty> {
  const timeoutMs = options.timeoutMs ?? 5000; // 5 s
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keysOf = () => {
    keys ??= discoverKeys(options.issuer, options.dispatcher, timeoutMs).catch((cause: unknown) => {
      keys = undefined;
      throw new PlatformError('IDENTITY_PROVIDER_UNAVAILABLE', { message: 'The identity provider cannot be reached; try again shortly.', cause });
    });
    return keys;
  };

  return async (token) => {
    const getKey = await keysOf();
    let payload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ALGORITHMS,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'client_id', 'scope'],
      }));
    } catch (cause) {
      if (cause instanceof joseErrors.JWKSTimeout || (cause instanceof Error && cause.name === 'TypeError')) {
        throw new PlatformError('IDENTITY_PROVIDER_UNAVAILABLE', { message: 'The identity provider cannot be reached; try again shortly.', cause });
      }
      const reason = cause instanceof joseErrors.JOSEError ? cause.code : 'ERR_JWT_INVALID';
      throw new PlatformError('INVALID_TOKEN', { message: `The bearer token was refused (${reason}); get a new one from the provider.`, cause });
    }
    const client = typeof payload.client_id === 'string' ? options.registry.get(payload.client_id) : undefined;
    if (!client) throw new PlatformError('INVALID_TOKEN', { message: 'The bearer token was refused (client not registered here).' });
    const scopes = String(payload.scope).split(' ').filter(Boolean);
    const beyond = scopes.filter((scope) => !(client.scopes as readonly string[]).includes(scope));
    if (scopes.length === 0 || beyond.length > 0) {
      throw new PlatformError('INVALID_TOKEN', { message: `The bearer token was refused (scopes beyond the client's registration: ${beyond.join(' ') || 'none given'}).` });
    }
    return { client, scopes };
  };
}

async function discoverKeys(issuer: string, dispatcher: Dispatcher, timeoutMs: number): Promise<JWTVerifyGetKey> {
  const response = await request(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    dispatcher,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`discovery answered HTTP ${response.statusCode}`);
  }
  const { jwks_uri: jwksUri, issuer: announced } = (await response.body.json()) as { jwks_uri?: unknown; issuer?: unknown };
  // The issuer must be the one configured: a document naming another is not ours to trust.
  if (announced !== issuer || typeof jwksUri !== 'string') throw new Error('discovery document does not match the issuer');
  return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeoutMs, cooldownDuration: 30_000 }); // 30 s between refetches
}
