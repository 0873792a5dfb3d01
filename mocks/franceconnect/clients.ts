import type { ClientMetadata } from 'oidc-provider';

import { GATEWAY_CLIENT_NAME } from './options.ts';
import type { ProviderOptions, RelyingPartyOptions } from './options.ts';

/** The scopes a relying party may request: FranceConnect's identity scopes. */
export const LOGIN_SCOPES = ['openid', 'identite_pivot', 'email'] as const;

export interface ClientRegistry {
  metadata: ClientMetadata[];
  /** Relying parties using the login flow: all configured by us, so none is asked for consent. */
  trustedClientIds: ReadonlySet<string>;
  /** Shown on the login page. */
  names: ReadonlyMap<string, string>;
  /** Every scope third parties may request, as the gateway resource server knows them. */
  thirdPartyScopes: string[];
}

export function registerClients(options: Pick<ProviderOptions, 'gateway' | 'relyingParties' | 'thirdParties'>): ClientRegistry {
  const relyingParties: RelyingPartyOptions[] = [
    { ...options.gateway, name: GATEWAY_CLIENT_NAME },
    ...(options.relyingParties ?? []),
  ];
  const thirdParties = options.thirdParties ?? [];

  const metadata: ClientMetadata[] = [
    ...relyingParties.map((rp) => ({
      client_id: rp.clientId,
      client_secret: rp.clientSecret,
      client_name: rp.name ?? rp.clientId,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: rp.redirectUris,
      post_logout_redirect_uris: rp.postLogoutRedirectUris,
      scope: LOGIN_SCOPES.join(' '),
      subject_type: 'pairwise' as const,
      token_endpoint_auth_method: 'client_secret_post',
    })),
    ...thirdParties.map((tp) => ({
      client_id: tp.clientId,
      client_secret: tp.clientSecret,
      client_name: tp.name,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: tp.scopes.join(' '),
      // No end-user behind these tokens, so no pairwise sector to derive a subject from.
      subject_type: 'public' as const,
      token_endpoint_auth_method: 'client_secret_basic',
    })),
  ];

  return {
    metadata,
    trustedClientIds: new Set(relyingParties.map((rp) => rp.clientId)),
    names: new Map(metadata.map((client) => [client.client_id, client.client_name ?? client.client_id])),
    thirdPartyScopes: [...new Set(thirdParties.flatMap((tp) => tp.scopes))],
  };
}
