import type { JWK } from 'jose';
import { DEVELOPMENT_FC_CLIENT_SECRET } from '../../contract/development.ts';

export interface GatewayClientOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** Another relying party using the login flow (tests use one to compare pairwise subjects). */
export interface RelyingPartyOptions extends GatewayClientOptions {
  name?: string;
}

/** A partner calling the gateway on its own behalf: client credentials only. */
export interface ThirdPartyOptions {
  clientId: string;
  clientSecret: string;
  /** What it may request, e.g. ['training:read', 'family:read']. */
  scopes: string[];
  name: string;
}

export interface ProviderOptions {
  /** The provider's public URL; its endpoints live under `${issuer}/api/v2/`. */
  issuer: string;
  gateway: GatewayClientOptions;
  relyingParties?: RelyingPartyOptions[];
  thirdParties?: ThirdPartyOptions[];
  /** The `aud` of client-credentials access tokens: the resource indicator of the gateway. */
  resourceAudience?: string;
  /** Every scope the gateway knows, so that asking for one not granted to the client is refused. */
  resourceScopes?: string[];
  /** Mixed into pairwise subjects, so they cannot be recomputed from public data. */
  pairwiseSalt?: string;
  /** Private ES256 JWKs; one is generated when absent. */
  keys?: JWK[];
}


/** Default pairwise salt for development only; deployments pass their own. */
export const DEV_PAIRWISE_SALT = 'compte-des-comptes-dev-pairwise-salt';

export const GATEWAY_CLIENT_NAME = 'Compte des comptes';

/** Development secret of the gateway client (documented; production refuses it). */
export const DEV_CLIENT_SECRET = DEVELOPMENT_FC_CLIENT_SECRET;
