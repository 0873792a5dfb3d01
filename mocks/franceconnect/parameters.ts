import { errors } from 'oidc-provider';
import type { Configuration } from 'oidc-provider';

import { ACR_EIDAS1 } from './accounts.ts';

/** FranceConnect refuses a state or nonce shorter than this: they must be unguessable. */
export const MIN_STATE_NONCE_LENGTH = 32;

/**
 * Authorization request rules FranceConnect enforces beyond OpenID Connect: `state` and `nonce`
 * required and long, `acr_values` naming eidas1. They run after the redirect URI is validated,
 * so a refusal reaches the client as an OAuth error on its redirect URI.
 */
export const authorizationParameterChecks: NonNullable<Configuration['extraParams']> = {
  state: requireLongRandom('state'),
  nonce: requireLongRandom('nonce'),
  acr_values(_ctx, value) {
    if (typeof value !== 'string' || !value.split(' ').includes(ACR_EIDAS1)) {
      throw new errors.InvalidRequest(`acr_values must include ${ACR_EIDAS1}`);
    }
  },
};

function requireLongRandom(name: string) {
  return (_ctx: unknown, value: unknown): void => {
    if (typeof value !== 'string' || value.length < MIN_STATE_NONCE_LENGTH) {
      throw new errors.InvalidRequest(`${name} is required and must be at least ${MIN_STATE_NONCE_LENGTH} characters`);
    }
  };
}
