import { z } from 'zod';
import { milliseconds, port, publicJwks, readConfig, secret, serviceEnv, type ServiceConfig } from '../../common/config.ts';
import type { JWK } from 'jose';
import type { CallPolicySettings } from '../../common/resilience/policy.ts';
import { agencyResilienceEnv, agencyResilienceFrom } from './agency-resilience.ts';

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
  /** PostgreSQL for consents and the access journal; embedded PGlite (in memory) when unset. */
  DATABASE_URL: z.url().optional(),
  /** The schema holding the identity subgraph's tables, created and migrated at start. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('compte_des_comptes'),
});

/** The account subgraph calls no agency and needs no person-id key: only the token key. */
export const accountEnv = z.object({
  ...serviceEnv,
  SUBGRAPH_HOST: subgraphEnv.SUBGRAPH_HOST,
  INTERNAL_TOKEN_PUBLIC_JWK: subgraphEnv.INTERNAL_TOKEN_PUBLIC_JWK,
  ACCOUNT_SUBGRAPH_PORT: port(4106),
});

/** Each agency subgraph, and the variables of the agency it reads (`CPF` → `CPF_URL`, `CPF_API_KEY`). */
export const AGENCY_SUBGRAPH_ENV = {
  training: { defaultPort: 4102, agencyPrefix: 'CPF', defaultAgencyUrl: 'http://127.0.0.1:4201', defaultApiKey: 'dev-cpf-key' },
  retirement: { defaultPort: 4103, agencyPrefix: 'RGCU', defaultAgencyUrl: 'http://127.0.0.1:4202', defaultApiKey: 'dev-rgcu-key' },
  family: { defaultPort: 4104, agencyPrefix: 'CAF', defaultAgencyUrl: 'http://127.0.0.1:4203', defaultApiKey: 'dev-caf-key' },
  employment: {
    defaultPort: 4105,
    agencyPrefix: 'FRANCE_TRAVAIL',
    defaultAgencyUrl: 'http://127.0.0.1:4204',
    defaultApiKey: 'dev-france-travail-key',
  },
} as const;

export type AgencySubgraphName = keyof typeof AGENCY_SUBGRAPH_ENV;

/** Every variable one agency subgraph process reads. */
export function agencySubgraphEnv(subgraph: AgencySubgraphName) {
  const spec = AGENCY_SUBGRAPH_ENV[subgraph];
  return z.object({
    ...subgraphEnv,
    [`${subgraph.toUpperCase()}_SUBGRAPH_PORT`]: port(spec.defaultPort),
    [`${spec.agencyPrefix}_URL`]: z.url().default(spec.defaultAgencyUrl),
    [`${spec.agencyPrefix}_API_KEY`]: z.string().min(1).default(spec.defaultApiKey),
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
export function readAgencySubgraphConfig(subgraph: AgencySubgraphName, env: NodeJS.ProcessEnv = process.env): AgencySubgraphConfig {
  const spec = AGENCY_SUBGRAPH_ENV[subgraph];
  const config = readConfig(agencySubgraphEnv(subgraph), env);
  const named = config as Record<string, unknown>;
  return {
    ...config,
    host: config.SUBGRAPH_HOST,
    port: named[`${subgraph.toUpperCase()}_SUBGRAPH_PORT`] as number,
    agencyUrl: named[`${spec.agencyPrefix}_URL`] as string,
    agencyApiKey: named[`${spec.agencyPrefix}_API_KEY`] as string,
    agencyTimeoutMs: config.AGENCY_TIMEOUT_MS,
    agencyResilience: agencyResilienceFrom(config),
    tokenJwk: config.INTERNAL_TOKEN_PUBLIC_JWK,
    personIdKey: config.PERSON_ID_KEY,
  };
}
