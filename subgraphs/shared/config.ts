import { z } from 'zod';
import { DEVELOPMENT_AGENCY_API_KEYS, DEVELOPMENT_DECLARATION_KEY, DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../../contract/development.ts';
import {
  milliseconds,
  port,
  publicJwks,
  readConfig,
  secret,
  serviceEnv,
  type Environment,
  type Read,
  type ServiceConfig,
} from '../../common/config.ts';
import type { JWK } from 'jose';
import type { CallPolicySettings } from '../../common/resilience/policy.ts';
import { agencyResilienceEnv, agencyResilienceFrom } from './agency-resilience.ts';

/** The PostgreSQL schema of the platform's tables. */
export const databaseSchema = () => z.string().regex(/^[a-z_][a-z0-9_]{0,57}$/).default('compte_des_comptes');
/** How deliveries of declarations are retried: read where they are queued (identity, and the worker's sweep). */
export const deliveryRetryEnv = {
  /** Retries of a delivery to an agency after the first attempt, the delay doubling each time. */
  DELIVERY_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(12),
  /** The first retry's delay: 10 s, 20 s, 40 s… twelve retries cover an agency down for about eleven hours. */
  DELIVERY_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
};

/** The job queue's own schema, beside the stores'. */
export const jobsSchemaOf = (schema: string) => `${schema}_jobs`;

/** The secret declared changes are sealed with (AES-256-GCM, key derived by HKDF). */
export const declarationEncryptionKey = () => secret().default(DEVELOPMENT_DECLARATION_KEY);

/** Seals the notification subscribers' pivots and addresses (AES-256-GCM, keys derived by HKDF) and signs their links. */
export const notificationEncryptionKey = () => secret().default(DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY);

/** What every subgraph process reads. */
const subgraphEnv = {
  ...serviceEnv,
  /** Interface to listen on; containers set 0.0.0.0. */
  SUBGRAPH_HOST: z.string().min(1).default('127.0.0.1'),
  /** The gateway's public key for internal tokens, a JWK in JSON, or a JWK set during a key rotation. */
  INTERNAL_TOKEN_PUBLIC_JWK: publicJwks(),
  PERSON_ID_KEY: secret(),
};

export const identityEnv = z.object({
  ...subgraphEnv,
  IDENTITY_SUBGRAPH_PORT: port(4101),
  /** PostgreSQL for consents and the access journal; embedded PGlite (in memory) in development when unset. */
  DATABASE_URL: z.url().optional(),
  /** The schema holding the identity subgraph's tables, created and migrated at start; the job queue's is `<schema>_jobs`. */
  DATABASE_SCHEMA: databaseSchema(),
  DECLARATION_ENCRYPTION_KEY: declarationEncryptionKey(),
  ...deliveryRetryEnv,
  NOTIFICATION_ENCRYPTION_KEY: notificationEncryptionKey(),
});

/** What production demands of the processes that keep or read declarations (identity, worker). */
export const DECLARATION_STORE_POLICY = {
  required: {
    DATABASE_URL: {
      set: 'postgres://… of the PostgreSQL keeping consents and the access journal (a legal record), declarations and the job queue',
      fallback: 'PGlite in memory: consents, the access journal, declarations and queued jobs vanish at exit',
    },
    DECLARATION_ENCRYPTION_KEY: {
      set: 'a random secret of 32+ characters sealing declared changes at rest, the same for the identity subgraph and the worker',
      fallback: 'the documented development key',
    },
  },
  secrets: ['DECLARATION_ENCRYPTION_KEY'],
};

/** What production demands of the notifications' key, wherever it is read (identity, worker). */
export const NOTIFICATION_KEY_POLICY = {
  required: {
    NOTIFICATION_ENCRYPTION_KEY: {
      set: 'a random secret of at least 32 characters (`npm run -s secrets`), the same in the identity subgraph and the worker',
      fallback: 'the documented development key',
    },
  },
  secrets: ['NOTIFICATION_ENCRYPTION_KEY'],
};

/** Reads the identity subgraph's environment once; throws ConfigError naming every invalid variable. */
export const readIdentityConfig = (env: Environment = process.env) =>
  readConfig(identityEnv, env, {
    required: { ...DECLARATION_STORE_POLICY.required, ...NOTIFICATION_KEY_POLICY.required },
    secrets: ['PERSON_ID_KEY', ...DECLARATION_STORE_POLICY.secrets, ...NOTIFICATION_KEY_POLICY.secrets],
  });

/** The account subgraph calls no agency and needs no person-id key: only the token key. */
export const accountEnv = z.object({
  ...serviceEnv,
  SUBGRAPH_HOST: subgraphEnv.SUBGRAPH_HOST,
  INTERNAL_TOKEN_PUBLIC_JWK: subgraphEnv.INTERNAL_TOKEN_PUBLIC_JWK,
  ACCOUNT_SUBGRAPH_PORT: port(4106),
});

/** Reads the account subgraph's environment once; throws ConfigError naming every invalid variable. */
export const readAccountConfig = (env: Environment = process.env) => readConfig(accountEnv, env);

/** Each agency subgraph, and the variables of the agency it reads (`CPF` → `CPF_URL`, `CPF_API_KEY`). */
export const AGENCY_SUBGRAPH_ENV = {
  training: { defaultPort: 4102, agency: 'cpf', agencyPrefix: 'CPF', mockUrl: 'http://127.0.0.1:4201' },
  retirement: { defaultPort: 4103, agency: 'rgcu', agencyPrefix: 'RGCU', mockUrl: 'http://127.0.0.1:4202' },
  family: { defaultPort: 4104, agency: 'caf', agencyPrefix: 'CAF', mockUrl: 'http://127.0.0.1:4203' },
  employment: { defaultPort: 4105, agency: 'france-travail', agencyPrefix: 'FRANCE_TRAVAIL', mockUrl: 'http://127.0.0.1:4204' },
} as const;

export type AgencySubgraphName = keyof typeof AGENCY_SUBGRAPH_ENV;

/** Every variable one agency subgraph process reads. */
export function agencySubgraphEnv(subgraph: AgencySubgraphName) {
  const spec = AGENCY_SUBGRAPH_ENV[subgraph];
  return z.object({
    ...subgraphEnv,
    [`${subgraph.toUpperCase()}_SUBGRAPH_PORT`]: port(spec.defaultPort),
    [`${spec.agencyPrefix}_URL`]: z.url().default(spec.mockUrl),
    [`${spec.agencyPrefix}_API_KEY`]: z.string().min(1).default(DEVELOPMENT_AGENCY_API_KEYS[spec.agency]),
    /** Budget of one agency call. */
    AGENCY_TIMEOUT_MS: milliseconds(3000),
    ...agencyResilienceEnv,
  });
}

export interface AgencySubgraphConfig extends ServiceConfig {
  host: string;
  port: number;
  agencyUrl: string;
  agencyApiKey: string;
  agencyTimeoutMs: number;
  agencyResilience: CallPolicySettings;
  tokenJwk: JWK;
  personIdKey: string;
}

/** Reads one agency subgraph's environment once; throws ConfigError naming every invalid variable. */
export function readAgencySubgraphConfig(subgraph: AgencySubgraphName, env: Environment = process.env): AgencySubgraphConfig {
  const spec = AGENCY_SUBGRAPH_ENV[subgraph];
  const url = `${spec.agencyPrefix}_URL`;
  const apiKey = `${spec.agencyPrefix}_API_KEY`;
  const config: Read<Record<string, unknown>> & z.infer<ReturnType<typeof agencySubgraphEnv>> = readConfig(agencySubgraphEnv(subgraph), env, {
    required: {
      [url]: { set: `the base URL of the ${spec.agency} system`, fallback: `the mock at ${spec.mockUrl}` },
      [apiKey]: { set: `the API key the ${spec.agency} system gave the platform`, fallback: 'the documented development key' },
    },
    secrets: [apiKey, 'PERSON_ID_KEY'],
  });
  return {
    ...config,
    host: config.SUBGRAPH_HOST,
    port: config[`${subgraph.toUpperCase()}_SUBGRAPH_PORT`] as number,
    agencyUrl: config[url] as string,
    agencyApiKey: config[apiKey] as string,
    agencyTimeoutMs: config.AGENCY_TIMEOUT_MS,
    agencyResilience: agencyResilienceFrom(config),
    tokenJwk: config.INTERNAL_TOKEN_PUBLIC_JWK,
    personIdKey: config.PERSON_ID_KEY,
  };
}
