import * as client from 'openid-client';

import { toAuthError } from './errors.ts';
import type { OidcSettings } from './settings.ts';

const DEFAULT_TIMEOUT_SECONDS = 5;

/** FranceConnect signs ID tokens and userinfo with ES256. */
const SIGNING_ALG = 'ES256';

export interface IdentityProvider {
  readonly settings: OidcSettings;
  /** The discovered configuration; discovered on first use, kept, and retried after a failure. */
  configuration(): Promise<client.Configuration>;
}

/**
 * Nothing is fetched until the first login, so the gateway starts (and existing sessions keep
 * working) while the provider is down.
 */
export function createIdentityProvider(settings: OidcSettings): IdentityProvider {
  let discovered: Promise<client.Configuration> | undefined;
  return {
    settings,
    configuration() {
      discovered ??= discover(settings).catch((error: unknown) => {
        discovered = undefined;
        throw toAuthError(error);
      });
      return discovered;
    },
  };
}

function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  return client.discovery(
    issuer,
    settings.clientId,
    {
      client_secret: settings.clientSecret,
      id_token_signed_response_alg: SIGNING_ALG,
      // Makes openid-client ask for, and verify, the signed (application/jwt) userinfo.
      userinfo_signed_response_alg: SIGNING_ALG,
    },
    client.ClientSecretPost(settings.clientSecret),
    {
      // Plain http only for an http issuer (local development and tests).
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      // Also becomes the timeout of every later call made with this configuration.
      timeout: settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    },
  );
}
