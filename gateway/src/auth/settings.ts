import { z } from 'zod';

/** How the gateway reaches FranceConnect, and what it registered there. */
export interface OidcSettings {
  /** The provider's issuer; its discovery document is under `/.well-known/openid-configuration`. */
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

/** The variables readOidcSettings reads, with their development defaults. */
export const oidcEnvSchema = z.object({
  FC_ISSUER: z.url().default('http://localhost:4010'),
  FC_CLIENT_ID: z.string().min(1).default('compte-des-comptes'),
  // The documented development secret of mocks/franceconnect; deployments set their own.
  FC_CLIENT_SECRET: z.string().min(1).default('compte-des-comptes-dev-secret-change-me'),
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  FC_TIMEOUT_SECONDS: z.coerce.number().positive().default(5),
});

/** Reads the settings from the environment once, with the development defaults of `npm start`. */
export function readOidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings {
  const parsed = oidcEnvSchema.parse(env);
  const gateway = parsed.GATEWAY_PUBLIC_URL.replace(/\/+$/, '');
  return {
    issuer: parsed.FC_ISSUER.replace(/\/+$/, ''),
    clientId: parsed.FC_CLIENT_ID,
    clientSecret: parsed.FC_CLIENT_SECRET,
    redirectUri: `${gateway}/auth/callback`,
    postLogoutRedirectUri: `${gateway}/`,
    timeoutSeconds: parsed.FC_TIMEOUT_SECONDS,
  };
}
