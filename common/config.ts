import { createLocalJWKSet, importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { isIP } from 'node:net';
import type { VerificationKey } from '../contract/internal-token.ts';
import { z } from 'zod';
import { DEVELOPMENT_SECRETS } from '../contract/development.ts';
import { LOG_LEVELS } from './observability/logging.ts';
import { TRACES_EXPORTERS } from './observability/tracing.ts';

/** Thrown at start when the environment is invalid; names every variable to fix. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** The environment a process reads: `process.env`, or what a launcher composed for it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * What production demands of a process's settings, beyond their types. A process starts in
 * production unless told otherwise (PLATFORM_ENV), and then refuses to start on any of these;
 * in development it runs on its embedded defaults and says which, once.
 */
export interface ProductionPolicy {
  /**
   * Variables with a development fallback, which production requires: what to set them to, and
   * the fallback development uses instead (said at start).
   */
  required?: Readonly<Record<string, { set: string; fallback: string }>>;
  /** Secrets: long, varied, and none of the documented development values. */
  secrets?: readonly string[];
  /** Addresses people and partners reach: https, and not this machine. */
  publicUrls?: readonly string[];
}

/** A configuration as read, with the development defaults it fell back on (none in production). */
export type Read<C> = C & { developmentDefaults: string[] };

/**
 * Reads and validates environment variables once, at start: every wrong variable is named at
 * once. In production the policy applies too; in development the defaults used are listed.
 */
export function readConfig<S extends z.ZodObject>(
  schema: S,
  env: Environment = process.env,
  policy: ProductionPolicy & {
    /** Checks across variables, once each is valid: each problem as `VARIABLE: what to fix`. */
    check?: (config: z.infer<S>, production: boolean) => string[];
  } = {},
): Read<z.infer<S>> {
  // An empty variable means "unset", as a compose file that passes `${CPF_PORT:-}` writes it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(given);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const production = (given.PLATFORM_ENV ?? 'production') === 'production';
  const developmentDefaults: string[] = [];
  for (const [name, { set, fallback }] of Object.entries(policy.required ?? {})) {
    if (given[name] !== undefined) continue;
    if (production) problems.push(`${name}: required in production: ${set}`);
    else developmentDefaults.push(`${name} unset: ${fallback}`);
  }
  if (production) {
    for (const name of policy.secrets ?? []) {
      const weakness = given[name] === undefined ? undefined : secretWeakness(given[name]);
      if (weakness) problems.push(`${name}: ${weakness}; generate one with \`npm run -s secrets\``);
    }
    for (const name of policy.publicUrls ?? []) {
      const weakness = given[name] === undefined ? undefined : publicUrlWeakness(given[name]);
      if (weakness) problems.push(`${name}: ${weakness}`);
    }
  }
  if (parsed.success) problems.push(...(policy.check?.(parsed.data, production) ?? []));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, developmentDefaults };
}

/** Shannon estimate of a secret's entropy: 128 bits is what a guess must not reach. */
const MIN_SECRET_BITS = 128;
const MIN_SECRET_LENGTH = 32;

/** Why a secret is not fit for production, or undefined when it is. */
export function secretWeakness(value: string): string | undefined {
  if (DEVELOPMENT_SECRETS.includes(value) || /change-?me|dev(elopment)?-secret/i.test(value)) {
    return 'is a documented development value, which anyone can read';
  }
  if (value.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  const bitsPerCharacter = [...counts.values()].reduce((bits, count) => {
    const p = count / value.length;
    return bits - p * Math.log2(p);
  }, 0);
  const bits = Math.round(bitsPerCharacter * value.length);
  if (bits < MIN_SECRET_BITS) return `is too regular to be a secret (about ${bits} bits of entropy, ${MIN_SECRET_BITS} needed)`;
  return undefined;
}

/** Why a URL cannot be a public address in production, or undefined when it can. */
export function publicUrlWeakness(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined; // the schema names a malformed URL
  }
  if (url.protocol !== 'https:') return `must be an https URL in production (cookies and codes travel over it), got ${url.protocol}//`;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '0.0.0.0' ||
    (isIP(host) === 4 && host.startsWith('127.')) ||
    host === '::1' ||
    host === '::';
  if (loopback) return `must be the address people reach, not this machine (${url.host})`;
  return undefined;
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** A secret key for HMACs: long enough that it cannot be guessed. */
export const secret = () => z.string().min(32, 'must be at least 32 characters');
/** An ES256 key as a JWK in JSON. */
export const jwk = () =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as JWK;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JWK in JSON' });
      return z.NEVER;
    }
  });

/** Production unless a launcher says otherwise: a process started bare fails closed. */
export const PLATFORM_ENVIRONMENTS = ['production', 'development'] as const;

/** What every process reads besides its own settings: its environment, logs, traces and shutdown. */
export const serviceEnv = {
  PLATFORM_ENV: z.enum(PLATFORM_ENVIRONMENTS).default('production'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** `none` by default: no span leaves the process unless an operator asks for it. */
  OTEL_TRACES_EXPORTER: z.enum(TRACES_EXPORTERS).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://localhost:4318'),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Share of new traces kept (parent-based: a caller's decision is followed). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** After SIGTERM, how long readiness is false before the listener closes (load balancers notice). */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(5_000), // 5 s
  /** Upper bound on draining in-flight requests and closing connections. */
  SHUTDOWN_TIMEOUT_MS: milliseconds(25_000), // 25 s
};

export type ServiceConfig = z.infer<z.ZodObject<typeof serviceEnv>> & { developmentDefaults: string[] };

export function importEs256(key: JWK): Promise<CryptoKey | KeyObject> {
  return importJWK(key, 'ES256') as Promise<CryptoKey | KeyObject>;
}

/** An ES256 public JWK, or a JWK set (`{"keys":[…]}`) whose keys are chosen by the token's `kid`. */
export const publicJwks = () =>
  jwk().refine((value) => !('keys' in value) || (Array.isArray(value.keys) && value.keys.length > 0), {
    message: 'must be a JWK, or a JWK set {"keys":[…]} with at least one key',
  });

export async function importVerificationKey(key: JWK | { keys?: unknown }): Promise<VerificationKey> {
  if ('keys' in key) return createLocalJWKSet(key as { keys: JWK[] });
  return importEs256(key as JWK);
}
