import { z } from 'zod';
import { port, readConfig, serviceEnv } from '../../common/config.ts';
import { DEV_CLIENT_SECRET } from './options.ts';

/** Every variable the mock FranceConnect process reads. */
export const providerEnv = z.object({
  ...serviceEnv,
  /** Interface to listen on: loopback by default; containers set 0.0.0.0. */
  FC_HOST: z.string().min(1).default('127.0.0.1'),
  FC_PORT: port(4010),
  /** Public URL of the provider; default http://localhost:FC_PORT. */
  FC_ISSUER: z.url().optional(),
  FC_CLIENT_ID: z.string().min(1).default('compte-des-comptes'),
  FC_CLIENT_SECRET: z.string().min(1).default(DEV_CLIENT_SECRET),
  /** The gateway's public URL: its redirect URIs are registered under it. */
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
});

/** Reads the provider's environment once; throws ConfigError naming every invalid variable. */
export function readProviderConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(providerEnv, env);
  return {
    ...config,
    issuer: (config.FC_ISSUER ?? `http://localhost:${config.FC_PORT}`).replace(/\/+$/, ''),
    gatewayUrl: config.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
  };
}
