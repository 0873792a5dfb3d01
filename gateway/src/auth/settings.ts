import { z } from 'zod';
import { DEVELOPMENT_FC_CLIENT_SECRET } from '../../../contract/development.ts';

/** How the gateway reaches FranceConnect, and what it registered there. */
export interface OidcSettings {
  /** The provider's issuer (FranceConnect v2: `https://<host>/api/v2`); discovery is under it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The gateway's `/auth/callback`, exactly as registered at the provider. */
  redirectUri: string;
  /** Where the provider sends the browser back after logout, as registered. */
  postLogoutRedirectUri: string;
  /** Budget of each call to the provider, in seconds; default 5. */
  timeoutSeconds?: number;
}

/** The variables of the login, with their development defaults (the mock provider of `npm start`). */
export const oidcEnv = {
  FC_ISSUER: z.url().default('http://localhost:4010/api/v2'),
  FC_CLIENT_ID: z.string().min(1).default('compte-des-comptes'),
  FC_CLIENT_SECRET: z.string().min(1).default(DEVELOPMENT_FC_CLIENT_SECRET),
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  FC_TIMEOUT_SECONDS: z.coerce.number().positive().default(5),
};

type OidcEnv = z.infer<z.ZodObject<typeof oidcEnv>>;

/** The login settings from a configuration read with `oidcEnv`. */
export function oidcSettingsFrom(config: OidcEnv): OidcSettings {
  const gateway = config.GATEWAY_PUBLIC_URL.replace(/\/+$/, '');
  return {
    issuer: config.FC_ISSUER.replace(/\/+$/, ''),
    clientId: config.FC_CLIENT_ID,
    clientSecret: config.FC_CLIENT_SECRET,
    redirectUri: `${gateway}/auth/callback`,
    postLogoutRedirectUri: `${gateway}/`,
    timeoutSeconds: config.FC_TIMEOUT_SECONDS,
  };
}
