import { importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { z } from 'zod';

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

export function importEs256(key: JWK): Promise<CryptoKey | KeyObject> {
  return importJWK(key, 'ES256') as Promise<CryptoKey | KeyObject>;
}
