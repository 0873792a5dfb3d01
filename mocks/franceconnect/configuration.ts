import { randomBytes } from 'node:crypto';

import type { Configuration } from 'oidc-provider';

import { PIVOT_CLAIMS, ACR_EIDAS1 } from './accounts.ts';
import type { AccountDirectory } from './accounts.ts';
import { LOGIN_SCOPES } from './clients.ts';
import type { ClientRegistry } from './clients.ts';
import { grantTrustedClients } from './grants.ts';
import { INTERACTION_PATH } from './interactions.ts';
import { SIGNING_ALG } from './keys.ts';
import type { SigningKeys } from './keys.ts';
import { pairwiseSubject } from './pairwise.ts';
import { authorizationParameterChecks } from './parameters.ts';
import { gatewayResourceIndicators } from './resources.ts';
import { renderErrorPage, renderLoggedOutPage, renderLogoutPage } from './views.ts';

export interface ConfigurationInputs {
  clients: ClientRegistry;
  directory: AccountDirectory;
  keys: SigningKeys;
  resourceAudience: string;
  resourceScopes: readonly string[];
  pairwiseSalt: string;
  /** The issuer's path (`/api/v2`), under which every route, the login page included, is served. */
  mountPath: string;
}

/** FranceConnect v2's endpoints, under the issuer (`https://<host>/api/v2`). */
export const ROUTES = {
  authorization: '/authorize',
  token: '/token',
  userinfo: '/userinfo',
  end_session: '/session/end',
  jwks: '/jwks',
} as const;

/** FranceConnect's short lifetimes, in seconds. */
const TTL = {
  AccessToken: 60,
  AuthorizationCode: 30,
  IdToken: 60,
  ClientCredentials: 60,
  Interaction: 10 * 60,
  Session: 30 * 60,
  Grant: 30 * 60,
};

export function buildConfiguration({ clients, directory, keys, resourceAudience, resourceScopes: known, pairwiseSalt, mountPath }: ConfigurationInputs): Configuration {
  // oidc-provider only refuses a scope a client may not request when it knows that scope.
  const resourceScopes = [...new Set([...known, ...clients.thirdPartyScopes])];
  return {
    clients: clients.metadata,
    clientDefaults: {
      id_token_signed_response_alg: SIGNING_ALG,
      // Userinfo answers as a signed JWT (application/jwt), as FranceConnect v2 does.
      userinfo_signed_response_alg: SIGNING_ALG,
    },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    jwks: { keys: keys.privateJwks },
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      userinfoSigningAlgValues: [SIGNING_ALG],
    },
    // Signs the provider's own cookies; per process, as restarting the mock ends its sessions anyway.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    pkce: { required: () => true },
    acrValues: [ACR_EIDAS1],
    extraParams: authorizationParameterChecks,
    scopes: [...LOGIN_SCOPES, ...resourceScopes],
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      openid: ['sub'],
      identite_pivot: [...PIVOT_CLAIMS],
      email: ['email'],
    },
    subjectTypes: ['pairwise', 'public'],
    pairwiseIdentifier: pairwiseSubject(pairwiseSalt),
    findAccount: async (_ctx, sub) => directory.findAccount(sub),
    loadExistingGrant: grantTrustedClients(clients.trustedClientIds),
    interactions: { url: async (_ctx, interaction) => `${mountPath}${INTERACTION_PATH}/${interaction.uid}` },
    routes: { ...ROUTES },
    ttl: TTL,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      resourceIndicators: gatewayResourceIndicators(resourceAudience, resourceScopes),
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = renderLoggedOutPage();
        },
      },
      // FranceConnect offers none of these.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: false },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderErrorPage(out.error ?? 'server_error', out.error_description);
    },
  };
}
