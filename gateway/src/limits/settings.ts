import { z } from 'zod';

/** What a request to the gateway may ask, how often, and from where. */
export interface ProtectionSettings {
  query: {
    maxDepth: number;
    maxAliases: number;
    /** Lexical tokens in a document. */
    maxTokens: number;
    maxDirectives: number;
    /** graphql-armor's cost: objects 2, scalars 1, times 1.5 per level of depth. */
    maxCost: number;
  };
  http: {
    /** Largest request body, in bytes. */
    bodyLimitBytes: number;
    /** Operations in one batched (array) request; 1 refuses batches. */
    maxBatch: number;
    /** Origins allowed to call with credentials (CORS); none by default: same origin only. */
    allowedOrigins: string[];
  };
  rateLimit: {
    windowMs: number;
    /** Requests per window for one session (its cookie). */
    perSession: number;
    /** Requests per window for one client: a third party (its verified client_id), else an address. */
    perClient: number;
    /** Counters in Redis, shared by every gateway instance; in this process when absent. */
    redisUrl?: string;
    /** Prefix of the counters' keys in Redis; default `cdc:rate-limit:`. */
    redisPrefix?: string;
  };
}

export const DEFAULT_PROTECTION: ProtectionSettings = {
  query: { maxDepth: 12, maxAliases: 10, maxTokens: 2_000, maxDirectives: 20, maxCost: 5_000 },
  http: { bodyLimitBytes: 64 * 1024, maxBatch: 10, allowedOrigins: [] }, // 64 KiB
  rateLimit: { windowMs: 60_000, perSession: 600, perClient: 1_200 }, // per minute
};

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/** The variables of the gateway's protections (README, Configuration), part of its configuration (config.ts). */
export const protectionEnv = {
  GRAPHQL_MAX_DEPTH: int(DEFAULT_PROTECTION.query.maxDepth),
  GRAPHQL_MAX_ALIASES: int(DEFAULT_PROTECTION.query.maxAliases, 0),
  GRAPHQL_MAX_TOKENS: int(DEFAULT_PROTECTION.query.maxTokens),
  GRAPHQL_MAX_DIRECTIVES: int(DEFAULT_PROTECTION.query.maxDirectives, 0),
  GRAPHQL_MAX_COST: int(DEFAULT_PROTECTION.query.maxCost),
  GRAPHQL_BODY_LIMIT_BYTES: int(DEFAULT_PROTECTION.http.bodyLimitBytes),
  GRAPHQL_MAX_BATCH: int(DEFAULT_PROTECTION.http.maxBatch),
  /** Comma-separated origins allowed to call with credentials; none by default. */
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url())),
  RATE_LIMIT_WINDOW_MS: int(DEFAULT_PROTECTION.rateLimit.windowMs),
  RATE_LIMIT_PER_SESSION: int(DEFAULT_PROTECTION.rateLimit.perSession),
  RATE_LIMIT_PER_CLIENT: int(DEFAULT_PROTECTION.rateLimit.perClient),
};

/**
 * The settings from a configuration read with `protectionEnv`; rate-limit counters go to the
 * sessions' Redis (`REDIS_URL`, which the process reads for its sessions), shared by every instance.
 */
export function protectionFrom(config: z.infer<z.ZodObject<typeof protectionEnv>> & { REDIS_URL?: string }): ProtectionSettings {
  return {
    query: {
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxTokens: config.GRAPHQL_MAX_TOKENS,
      maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
      maxCost: config.GRAPHQL_MAX_COST,
    },
    http: {
      bodyLimitBytes: config.GRAPHQL_BODY_LIMIT_BYTES,
      maxBatch: config.GRAPHQL_MAX_BATCH,
      allowedOrigins: config.CORS_ALLOWED_ORIGINS,
    },
    rateLimit: {
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      perSession: config.RATE_LIMIT_PER_SESSION,
      perClient: config.RATE_LIMIT_PER_CLIENT,
      redisUrl: config.REDIS_URL,
    },
  };
}

/** Settings with some parts overridden (tests, the platform starter). */
export function protectionWith(overrides: ProtectionOverrides = {}): ProtectionSettings {
  return {
    query: { ...DEFAULT_PROTECTION.query, ...overrides.query },
    http: { ...DEFAULT_PROTECTION.http, ...overrides.http },
    rateLimit: { ...DEFAULT_PROTECTION.rateLimit, ...overrides.rateLimit },
  };
}

export interface ProtectionOverrides {
  query?: Partial<ProtectionSettings['query']>;
  http?: Partial<ProtectionSettings['http']>;
  rateLimit?: Partial<ProtectionSettings['rateLimit']>;
}
