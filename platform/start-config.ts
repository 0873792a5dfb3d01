import { z } from 'zod';
import { milliseconds, port, secret } from '../common/config.ts';
import { GATEWAY_MODES } from '../gateway/src/config.ts';
import { protectionEnv } from '../gateway/src/limits/settings.ts';
import { gatewayResilienceEnv } from '../gateway/src/resilience.ts';
import { agencyResilienceEnv } from '../subgraphs/shared/agency-resilience.ts';

/** Every variable `npm start` reads (the whole platform in one process, README). */
export const startEnv = z.object({
  GATEWAY_PORT: port(4000),
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  FC_PORT: port(4010),
  FC_ISSUER: z.url().default('http://localhost:4010'),
  IDENTITY_SUBGRAPH_PORT: port(4101),
  TRAINING_SUBGRAPH_PORT: port(4102),
  RETIREMENT_SUBGRAPH_PORT: port(4103),
  FAMILY_SUBGRAPH_PORT: port(4104),
  EMPLOYMENT_SUBGRAPH_PORT: port(4105),
  ACCOUNT_SUBGRAPH_PORT: port(4106),
  CPF_PORT: port(4201),
  RGCU_PORT: port(4202),
  CAF_PORT: port(4203),
  FRANCE_TRAVAIL_PORT: port(4204),
  POPULATION_SEED: z.coerce.number().int().default(42),
  POPULATION_SIZE: z.coerce.number().int().positive().default(10_000),
  ORIENTATION_PORT: port(4301),
  REDIS_URL: z.url().optional(),
  /** Consents and the access journal in PostgreSQL; embedded PGlite (in memory) when unset. */
  DATABASE_URL: z.url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('compte_des_comptes'),
  // Random when unset: fine in memory, but with DATABASE_URL stored consents name person ids,
  // so a deployment keeps both keys from one start to the next.
  PERSON_ID_KEY: secret().optional(),
  MODULE_PSEUDONYM_SECRET: secret().optional(),
  AGENCY_TIMEOUT_MS: milliseconds(3000),
  SUBGRAPH_TIMEOUT_MS: milliseconds(5000),
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(1800),
  /** Development by default here: GraphiQL and any document, on one machine. */
  GATEWAY_MODE: z.enum(GATEWAY_MODES).default('development'),
  ...protectionEnv,
  ...gatewayResilienceEnv,
  ...agencyResilienceEnv,
});
