import { errors } from 'oidc-provider';
import type { Client, Configuration } from 'oidc-provider';

import { SIGNING_ALG } from './keys.ts';

const ACCESS_TOKEN_TTL = 60; // seconds, like FranceConnect's access tokens

/**
 * Resource indicators so that third parties' client-credentials tokens are ES256 JWTs whose `aud`
 * is the gateway, which verifies them offline against our JWKS. Login-flow access tokens get no
 * resource (and stay usable at userinfo).
 */
export function gatewayResourceIndicators(
  audience: string,
  scopes: readonly string[],
): NonNullable<NonNullable<Configuration['features']>['resourceIndicators']> {
  return {
    enabled: true,
    async defaultResource(_ctx, client, oneOf) {
      return oneOf ?? (isMachineClient(client) ? audience : undefined);
    },
    async useGrantedResource() {
      return false;
    },
    async getResourceServerInfo(_ctx, indicator, client) {
      if (indicator !== audience || !isMachineClient(client)) throw new errors.InvalidTarget();
      return {
        audience,
        // Each client is further limited to its own `scope` by oidc-provider.
        scope: scopes.join(' '),
        accessTokenTTL: ACCESS_TOKEN_TTL,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: SIGNING_ALG } },
      };
    },
  };
}

function isMachineClient(client: Client): boolean {
  return client.grantTypes.length === 1 && client.grantTypes[0] === 'client_credentials';
}
