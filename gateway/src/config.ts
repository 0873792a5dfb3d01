import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, jwk, milliseconds, port, readConfig, secret, serviceEnv } from '../../common/config.ts';
import { SUBGRAPHS, type SubgraphName } from '../../schemas/subgraphs.ts';
import { oidcEnvSchema, readOidcSettings, type OidcSettings } from './auth/settings.ts';
import { protectionEnv, protectionFrom, type ProtectionSettings } from './limits/settings.ts';
import { gatewayResilienceEnv, gatewayResilienceFrom, type GatewayResilience } from './resilience.ts';

/** `production`: persisted operations only, no introspection, no field suggestions. */
export const GATEWAY_MODES = ['development', 'production'] as const;

/** Ranges named as proxy-addr (and so fastify's `trustProxy`) names them. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range (`10.0.0.0/8`) or a named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** `IDENTITY_SUBGRAPH_URL`…: where the gateway reaches each subgraph. */
export const subgraphUrlVariable = (name: SubgraphName) => `${name.toUpperCase()}_SUBGRAPH_URL`;

const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), z.url().default(s.url)])) as Record<
  string,
  z.ZodDefault<z.ZodURL>
>;

/** Every variable the gateway process reads. */
export const gatewayEnv = z.object({
  ...serviceEnv,
  ...oidcEnvSchema.shape,
  ...protectionEnv,
  ...gatewayResilienceEnv,
  /**
   * The load balancers in front, comma-separated addresses or ranges: a request from one of them is
   * counted (rate limits) by the client address it appended to X-Forwarded-For. None by default.
   */
  GATEWAY_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list, ctx) => {
      const entries = list.split(',').map((entry) => entry.trim()).filter(Boolean);
      const wrong = entries.filter((entry) => !isProxyAddress(entry));
      if (wrong.length === 0) return entries;
      ctx.addIssue({ code: 'custom', message: `not an address, a CIDR range, loopback, linklocal or uniquelocal: ${wrong.join(', ')}` });
      return z.NEVER;
    }),
  /** Interface to listen on; containers set 0.0.0.0. */
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port(4000),
  /** Where the browser lands after login and logout; default the gateway's GraphiQL. */
  GATEWAY_RETURN_URL: z.url().optional(),
  /** Production unless asked otherwise: a deployed gateway runs only the persisted operations. */
  GATEWAY_MODE: z.enum(GATEWAY_MODES).default('production'),
  /** Sessions in Redis (required for more than one gateway instance); in process when unset. */
  REDIS_URL: z.url().optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(1800),
  /** A session ends this long after sign-in however often it is used (12 h). */
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(43_200),
  /** The ES256 private key internal tokens are signed with, a JWK in JSON (its `kid` is sent). */
  INTERNAL_TOKEN_PRIVATE_JWK: jwk(),
  PERSON_ID_KEY: secret(),
  /** Secret the modules' pseudonym keys are derived from; the same in every gateway instance, kept from one start to the next. */
  MODULE_PSEUDONYM_SECRET: secret(),
  /** The built citizen web app (`npm run build:web`), served at `/app/`; not served when unset. */
  WEB_APP_DIR: z.string().min(1).optional(),
  ...subgraphUrls,
  SUBGRAPH_TIMEOUT_MS: milliseconds(5000),
  SUPERGRAPH_PATH: z.string().min(1).default(fileURLToPath(new URL('../../schemas/supergraph.graphql', import.meta.url))),
  SUPERGRAPH_POLL_INTERVAL_MS: milliseconds(1000),
});

export type GatewayEnv = z.infer<typeof gatewayEnv>;

export interface GatewayConfig extends GatewayEnv {
  oidc: OidcSettings;
  production: boolean;
  protection: ProtectionSettings;
  resilience: GatewayResilience;
  publicUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
}

/** Reads the gateway's environment once; throws ConfigError naming every invalid variable. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = readConfig(gatewayEnv, env);
  if (parsed.INTERNAL_TOKEN_PRIVATE_JWK.d === undefined) {
    throw new ConfigError(['INTERNAL_TOKEN_PRIVATE_JWK: must be a private key (with "d")']);
  }
  return {
    ...parsed,
    oidc: readOidcSettings(env),
    production: parsed.GATEWAY_MODE === 'production',
    protection: protectionFrom(parsed),
    resilience: gatewayResilienceFrom(parsed),
    publicUrl: parsed.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.map((s) => [s.name, (parsed as Record<string, unknown>)[subgraphUrlVariable(s.name)] as string]),
    ) as Record<SubgraphName, string>,
  };
}
