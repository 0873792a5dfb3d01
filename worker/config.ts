import { z } from 'zod';
import { jwk, milliseconds, port, readConfig, serviceEnv, type Environment } from '../common/config.ts';
import { AGENCY_NAMES } from '../contract/agencies.ts';
import { DELIVERING_SUBGRAPH } from '../contract/declarations.ts';
import { AGENCY_SUBGRAPH_ENV } from '../subgraphs/shared/config.ts';
import { DECLARATION_STORE_POLICY, databaseSchema, declarationEncryptionKey, deliveryRetryEnv } from '../subgraphs/shared/config.ts';

/** `FAMILY_SUBGRAPH_URL`…: the same variables the gateway reads, the same values. */
const subgraphUrlVariable = (subgraph: string) => `${subgraph.toUpperCase()}_SUBGRAPH_URL`;

const agencySubgraphUrls = Object.fromEntries(
  AGENCY_NAMES.map((agency) => {
    const subgraph = DELIVERING_SUBGRAPH[agency] as keyof typeof AGENCY_SUBGRAPH_ENV;
    return [subgraphUrlVariable(subgraph), z.url().default(`http://127.0.0.1:${AGENCY_SUBGRAPH_ENV[subgraph].defaultPort}/graphql`)];
  }),
) as Record<string, z.ZodDefault<z.ZodURL>>;

/** Every variable the declarations worker reads. */
export const workerEnv = z.object({
  ...serviceEnv,
  /** Interface of its health and metrics endpoints; containers set 0.0.0.0. */
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_PORT: port(4107),
  DATABASE_URL: z.url().optional(),
  DATABASE_SCHEMA: databaseSchema(),
  DECLARATION_ENCRYPTION_KEY: declarationEncryptionKey(),
  /** The key it signs its internal tokens with: the gateway's (the subgraphs trust that one issuer). */
  INTERNAL_TOKEN_PRIVATE_JWK: jwk(),
  ...agencySubgraphUrls,
  /** Budget of one delivery call to a subgraph (which calls its agency within it). */
  SUBGRAPH_TIMEOUT_MS: milliseconds(5000),
  ...deliveryRetryEnv,
  /** How often the worker queues again the pending deliveries that have no job (a declaring process died before queueing them). */
  DELIVERY_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  /** How often an idle worker looks for jobs. */
  WORKER_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
});

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;

/** Reads the worker's environment once; throws ConfigError naming every invalid variable. */
export function readWorkerConfig(env: Environment = process.env) {
  const config = readConfig(workerEnv, env, {
    required: {
      ...DECLARATION_STORE_POLICY.required,
      ...Object.fromEntries(
        Object.keys(agencySubgraphUrls).map((variable) => [variable, { set: `where the worker reaches the ${variable.split('_')[0]!.toLowerCase()} subgraph`, fallback: 'its development address' }]),
      ),
    },
    secrets: DECLARATION_STORE_POLICY.secrets,
    check: (parsed) => (parsed.INTERNAL_TOKEN_PRIVATE_JWK.d === undefined ? ['INTERNAL_TOKEN_PRIVATE_JWK: must be a private key (with "d")'] : []),
  });
  return {
    ...config,
    /** Where each agency's deliveries go: its subgraph's base URL. */
    subgraphUrls: Object.fromEntries(
      AGENCY_NAMES.map((agency) => {
        const url = (config as Record<string, unknown>)[subgraphUrlVariable(DELIVERING_SUBGRAPH[agency])] as string;
        return [agency, new URL('/', url).href.replace(/\/$/, '')];
      }),
    ) as Record<(typeof AGENCY_NAMES)[number], string>,
  };
}
