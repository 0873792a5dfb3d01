import { createLocalJWKSet, importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import type { VerificationKey } from '../contract/internal-token.ts';
import { z } from 'zod';
import { LOG_LEVELS } from './observability/logging.ts';
import { TRACES_EXPORTERS } from './observability/tracing.ts';

/** Thrown at start when the environment is invalid; names every variable to fix. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/** Reads and validates environment variables once, at start. */
export function readConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
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

/** What every process reads besides its own settings: logs, traces and shutdown. */
export const serviceEnv = {
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

export type ServiceConfig = z.infer<z.ZodObject<typeof serviceEnv>>;

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
