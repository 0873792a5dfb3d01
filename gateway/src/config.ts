import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../../contract/third-party.ts';
import { jwk, milliseconds, port, readConfig, secret, serviceEnv, type Environment, type Read } from '../../common/config.ts';
import { MODULES_PATH } from '../../common/modules.ts';
import { SUBGRAPHS, type SubgraphName } from '../../schemas/subgraphs.ts';
import { oidcEnv, oidcSettingsFrom, type OidcSettings } from './auth/settings.ts';
import { protectionEnv, protectionFrom, type ProtectionSettings } from './limits/settings.ts';
import { gatewayResilienceEnv, gatewayResilienceFrom, type GatewayResilience } from './resilience.ts';

/**
 * Which GraphQL documents the gateway runs. `persisted`: only the operations of
 * operations/manifest.json, without introspection or field suggestions (production allows
 * nothing else); `any`: any document, for development and GraphiQL's own queries.
 */
export const GATEWAY_DOCUMENTS = ['persisted', 'any'] as const;

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

/** `MODULE_ORIENTATION_URL`: where the gateway reaches a module, instead of the URL it registered. */
export const MODULE_URL_VARIABLE = /^MODULE_([A-Z][A-Z0-9_]*)_URL$/;

const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), z.url().default(s.url)])) as Record<
  string,
  z.ZodDefault<z.ZodURL>
>;

/** The citizen web app as `npm run build:web` leaves it, beside the code (`dist/web/dist` in the image). */
export const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Every variable the gateway process reads. */
export const gatewayEnv = z.object({
  ...serviceEnv,
  ...oidcEnv,
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
  /** Where the browser lands after login; default the web app. */
  GATEWAY_RETURN_URL: z.url().optional(),
  /** `persisted` in production (the only choice there), `any` in development. */
  GATEWAY_DOCUMENTS: z.enum(GATEWAY_DOCUMENTS).optional(),
  /** Sessions, logins in progress and rate-limit counters, shared by every gateway instance. */
  REDIS_URL: z.url().optional(),
  /** Prefix of every key the gateway writes in Redis, for a Redis shared with others. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, 'letters, digits and _ : . - only').default('cdc:'),
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(1800),
  /** A session ends this long after sign-in however often it is used (12 h). */
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(43_200),
  /** The ES256 private key internal tokens are signed with, a JWK in JSON (its `kid` is sent). */
  INTERNAL_TOKEN_PRIVATE_JWK: jwk(),
  PERSON_ID_KEY: secret(),
  /** Secret the modules' pseudonym keys are derived from; the same in every gateway instance, kept from one start to the next. */
  MODULE_PSEUDONYM_SECRET: secret(),
  /** The `aud` third parties' access tokens must carry: the gateway's resource indicator at the provider. */
  THIRD_PARTY_AUDIENCE: z.string().min(1).default(DEFAULT_THIRD_PARTY_AUDIENCE),
  /** The built citizen web app (`npm run build:web`), served at `/app/`. */
  WEB_APP_DIR: z.string().min(1).default(DEFAULT_WEB_APP_DIR),
  ...subgraphUrls,
  SUBGRAPH_TIMEOUT_MS: milliseconds(5000),
  SUPERGRAPH_PATH: z.string().min(1).default(fileURLToPath(new URL('../../schemas/supergraph.graphql', import.meta.url))),
  SUPERGRAPH_POLL_INTERVAL_MS: milliseconds(1000),
  /**
   * Read by Node itself, at start: certificate authorities the gateway trusts besides the system's,
   * for a provider whose certificate comes from a private one (the compose trial's).
   */
  NODE_EXTRA_CA_CERTS: z.string().min(1).optional(),
  /** The registered modules, read again whenever the supergraph brings a new subgraph. */
  MODULES_PATH: z.string().min(1).default(MODULES_PATH),
});

export type GatewayEnv = z.infer<typeof gatewayEnv>;

export interface GatewayConfig extends Read<GatewayEnv> {
  oidc: OidcSettings;
  documents: (typeof GATEWAY_DOCUMENTS)[number];
  protection: ProtectionSettings;
  resilience: GatewayResilience;
  publicUrl: string;
  /** Where each subgraph and module is reached, by name. */
  subgraphUrls: Record<string, string>;
}

/** What production demands of the gateway (common/config.ts). */
const PRODUCTION = {
  required: {
    REDIS_URL: {
      set: 'redis://… of the Redis every gateway instance shares (sessions, logins in progress, rate limits)',
      fallback: 'sessions and rate limits kept in this process (one instance only, gone at exit)',
    },
    GATEWAY_PUBLIC_URL: { set: 'the https URL people reach the gateway at', fallback: 'http://localhost:4000' },
    FC_ISSUER: { set: "FranceConnect's issuer (https://<host>/api/v2)", fallback: 'the mock provider at http://localhost:4010/api/v2' },
    FC_CLIENT_SECRET: { set: 'the client secret FranceConnect gave the gateway', fallback: 'the documented development secret' },
    ...Object.fromEntries(
      SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), { set: `where the gateway reaches the ${s.name} subgraph`, fallback: s.url }]),
    ),
  },
  secrets: ['FC_CLIENT_SECRET', 'PERSON_ID_KEY', 'MODULE_PSEUDONYM_SECRET'],
  publicUrls: ['GATEWAY_PUBLIC_URL', 'FC_ISSUER'],
};

/** Reads the gateway's environment once; throws ConfigError naming every invalid variable. */
export function readGatewayConfig(env: Environment = process.env): GatewayConfig {
  const moduleUrls: Record<string, string> = {};
  const parsed = readConfig(gatewayEnv, env, {
    ...PRODUCTION,
    check: (config, production) => [
      ...(config.INTERNAL_TOKEN_PRIVATE_JWK.d === undefined ? ['INTERNAL_TOKEN_PRIVATE_JWK: must be a private key (with "d")'] : []),
      ...(production && config.GATEWAY_DOCUMENTS === 'any'
        ? ['GATEWAY_DOCUMENTS: production runs only the persisted operations: unset it or set it to persisted']
        : []),
      ...(production && !isBuilt(config.WEB_APP_DIR)
        ? [`WEB_APP_DIR: no built web app in ${config.WEB_APP_DIR} (run \`npm run build:web\`, or point it at web/dist)`]
        : []),
      ...readModuleUrls(env, moduleUrls),
    ],
  });
  const production = parsed.PLATFORM_ENV === 'production';
  return {
    ...parsed,
    developmentDefaults: [
      ...parsed.developmentDefaults,
      ...(isBuilt(parsed.WEB_APP_DIR) ? [] : ['WEB_APP_DIR has no build: /app/ answers 503 until `npm run build:web`']),
    ],
    oidc: oidcSettingsFrom(parsed),
    documents: parsed.GATEWAY_DOCUMENTS ?? (production ? 'persisted' : 'any'),
    protection: protectionFrom(parsed),
    resilience: gatewayResilienceFrom(parsed),
    publicUrl: parsed.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
    subgraphUrls: {
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.name, (parsed as Record<string, unknown>)[subgraphUrlVariable(s.name)] as string])),
      ...moduleUrls,
    },
  };
}

const isBuilt = (webAppDir: string) => existsSync(join(webAppDir, 'index.html'));

/** Reads the `MODULE_<NAME>_URL` variables into `urls`, by module name (`orientation`); returns the problems. */
function readModuleUrls(env: Environment, urls: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [variable, value] of Object.entries(env)) {
    const name = MODULE_URL_VARIABLE.exec(variable)?.[1];
    if (!name || !value) continue;
    if (z.url().safeParse(value).success) urls[name.toLowerCase()] = value;
    else problems.push(`${variable}: must be the module's GraphQL URL`);
  }
  return problems;
}
