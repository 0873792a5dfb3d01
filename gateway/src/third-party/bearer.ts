import * as oauth from 'oauth4webapi';
import { isUnreachable } from '../../../common/error-shape.ts';
import type { ThirdParty, ThirdPartyRegistry } from '../../../common/third-parties.ts';
import { PlatformError } from '../../../contract/errors.ts';

export interface BearerVerifierOptions {
  /** The OpenID provider that issues third parties' client-credentials tokens. */
  issuer: string;
  /** The gateway's resource indicator, the tokens' `aud`. */
  audience: string;
  registry: ThirdPartyRegistry;
  /** Budget of a discovery or JWKS call. */
  timeoutMs?: number;
}

export interface VerifiedThirdParty {
  client: ThirdParty;
  /** Scopes the token carries, all within the client's registration. */
  scopes: string[];
}

/** The provider signs access tokens with ES256. */
const SIGNING_ALGORITHMS = ['ES256'];

/** What the provider's own failures look like: it cannot be reached, or answers other than 200 JSON. */
const PROVIDER_FAILURES = new Set([oauth.RESPONSE_IS_NOT_CONFORM, oauth.RESPONSE_IS_NOT_JSON]);

/**
 * Verifies a third party's bearer token as an RFC 9068 JWT access token, with oauth4webapi as a
 * resource server: the provider's metadata (discovery) and keys, fetched on first use and kept
 * (again after a failure, or for a key id it does not know); signature, issuer, audience,
 * expiry, type `at+jwt` and the required claims. Then what only the gateway knows: a registered
 * client, and scopes within its registration.
 */
export function createBearerVerifier(options: BearerVerifierOptions): (token: string) => Promise<VerifiedThirdParty> {
  const timeoutMs = options.timeoutMs ?? 5000; // 5 s
  const issuer = new URL(options.issuer);
  const http = {
    // Plain http only for an http issuer (local development and tests).
    [oauth.allowInsecureRequests]: issuer.protocol === 'http:',
    signal: () => AbortSignal.timeout(timeoutMs),
  };
  const jwks: oauth.JWKSCacheInput = {};
  let metadata: Promise<oauth.AuthorizationServer> | undefined;
  const discover = () => {
    metadata ??= oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...http })
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .catch((cause: unknown) => {
        metadata = undefined;
        throw providerUnavailable(cause);
      });
    return metadata;
  };

  return async (token) => {
    const as = await discover();
    let claims: oauth.JWTAccessTokenClaims;
    try {
      // Only its Authorization header is read: the tokens are not sender-constrained (no DPoP).
      const request = new Request('http://gateway.invalid/graphql', { headers: { authorization: `Bearer ${token}` } });
      claims = await oauth.validateJwtAccessToken(as, request, options.audience, {
        signingAlgorithms: SIGNING_ALGORITHMS,
        // No grace past `exp` (oauth4webapi allows 30 s by default): the provider and gateway share a clock source.
        [oauth.clockTolerance]: 0,
        [oauth.jwksCache]: jwks,
        ...http,
      });
    } catch (cause) {
      if (isUnreachable(cause) || PROVIDER_FAILURES.has((cause as { code?: string }).code ?? '')) throw providerUnavailable(cause);
      // oauth4webapi's message names the check that failed ("unexpected JWT "aud" (audience) claim value"…).
      throw refused(cause instanceof Error ? cause.message : 'invalid', cause);
    }
    const client = options.registry.get(claims.client_id);
    if (!client) throw refused('client not registered here');
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    const beyond = scopes.filter((scope) => !(client.scopes as readonly string[]).includes(scope));
    if (scopes.length === 0 || beyond.length > 0) throw refused(`scopes beyond the client's registration: ${beyond.join(' ') || 'none given'}`);
    return { client, scopes };
  };
}

function refused(reason: string, cause?: unknown): PlatformError {
  return new PlatformError('INVALID_TOKEN', { message: `The bearer token was refused (${reason}); get a new one from the provider.`, cause });
}

function providerUnavailable(cause: unknown): PlatformError {
  return new PlatformError('IDENTITY_PROVIDER_UNAVAILABLE', { message: 'The identity provider cannot be reached; try again shortly.', cause });
}
