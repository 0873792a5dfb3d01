import { z } from 'zod';
import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../../contract/third-party.ts';
import { port, readConfig, serviceEnv, type Environment } from '../../common/config.ts';
import { DEV_CLIENT_SECRET } from './options.ts';

/** Every variable the mock FranceConnect process reads. */
export const providerEnv = z.object({
  ...serviceEnv,
  /** Interface to listen on: loopback by default; containers set 0.0.0.0. */
  FC_HOST: z.string().min(1).default('127.0.0.1'),
  FC_PORT: port(4010),
  /** Public URL of the provider, with FranceConnect v2's path; default http://localhost:FC_PORT/api/v2. */
  FC_ISSUER: z.url().optional(),
  FC_CLIENT_ID: z.string().min(1).default('compte-des-comptes'),
  FC_CLIENT_SECRET: z.string().min(1).default(DEV_CLIENT_SECRET),
  /** The gateway's public URL: its redirect URIs are registered under it. */
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  /**
   * The secret of the platform's notifications client, which the worker presents; its
   * development secret of config/third-parties.json when unset, like every third party's.
   */
  NOTIFICATIONS_CLIENT_SECRET: z.string().min(1).optional(),
  /** The `aud` of third parties' access tokens: the gateway's resource indicator. */
  THIRD_PARTY_AUDIENCE: z.string().min(1).default(DEFAULT_THIRD_PARTY_AUDIENCE),
});

/** Reads the provider's environment once; throws ConfigError naming every invalid variable. */
export function readProviderConfig(env: Environment = process.env) {
  const config = readConfig(providerEnv, env, {
    required: {
      FC_ISSUER: { set: 'the https URL the provider is reached at, with /api/v2', fallback: 'http://localhost:FC_PORT/api/v2' },
      FC_CLIENT_SECRET: { set: "the gateway's client secret (FC_CLIENT_SECRET of the gateway)", fallback: 'the documented development secret' },
      GATEWAY_PUBLIC_URL: { set: "the gateway's public https URL", fallback: 'http://localhost:4000' },
    },
    secrets: ['FC_CLIENT_SECRET'],
    publicUrls: ['FC_ISSUER', 'GATEWAY_PUBLIC_URL'],
  });
  return {
    ...config,
    // On port 0 the issuer is known once listening (mocks/franceconnect/app.ts).
    issuer: (config.FC_ISSUER ?? (config.FC_PORT === 0 ? undefined : `http://localhost:${config.FC_PORT}/api/v2`))?.replace(/\/+$/, ''),
    gatewayUrl: config.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
  };
}
