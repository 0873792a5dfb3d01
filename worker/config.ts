import { z } from 'zod';
import { jwk, milliseconds, port, readConfig, serviceEnv, type Environment } from '../common/config.ts';
import { AGENCY_NAMES } from '../contract/agencies.ts';
import { DELIVERING_SUBGRAPH } from '../contract/declarations.ts';
import { AGENCY_SUBGRAPH_ENV } from '../subgraphs/shared/config.ts';
import {
  DECLARATION_STORE_POLICY,
  NOTIFICATION_KEY_POLICY,
  databaseSchema,
  declarationEncryptionKey,
  deliveryRetryEnv,
  notificationEncryptionKey,
} from '../subgraphs/shared/config.ts';

/** `FAMILY_SUBGRAPH_URL`…: the same variables the gateway reads, the same values. */
const subgraphUrlVariable = (subgraph: string) => `${subgraph.toUpperCase()}_SUBGRAPH_URL`;

const agencySubgraphUrls = Object.fromEntries(
  AGENCY_NAMES.map((agency) => {
    const subgraph = DELIVERING_SUBGRAPH[agency] as keyof typeof AGENCY_SUBGRAPH_ENV;
    return [subgraphUrlVariable(subgraph), z.url().default(`http://127.0.0.1:${AGENCY_SUBGRAPH_ENV[subgraph].defaultPort}/graphql`)];
  }),
) as Record<string, z.ZodDefault<z.ZodURL>>;

/** Every variable the worker reads: the declarations' delivery, then the notifications. */
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

  /** The same key as the identity subgraph's: opens the subscribers' addresses, signs the emails' links. */
  NOTIFICATION_ENCRYPTION_KEY: notificationEncryptionKey(),
  /** Where the worker reads the subscribers' alerts: the gateway, as a third party does (the load balancer, or one instance). */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4000'),
  /** Where the emails' links lead. */
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  /** The provider that gives the notifications client its token (client credentials). */
  FC_ISSUER: z.url().default('http://localhost:4010/api/v2'),
  NOTIFICATIONS_CLIENT_SECRET: z.string().min(1).optional(),
  /** Read by Node itself, at start: authorities trusted besides the system's (the compose trial's certificates). */
  NODE_EXTRA_CA_CERTS: z.string().min(1).optional(),
  /** `smtp://user:pass@host:587` or `smtps://…`; the catcher of `npm start` in development. */
  SMTP_URL: z.url().optional(),
  NOTIFICATIONS_FROM: z.string().min(3).default('Compte des comptes <ne-pas-repondre@compte-des-comptes.localhost>'),
  /** When the round over every subscriber runs (cron, UTC); daily at 07:00 by default. */
  NOTIFICATIONS_CRON: z.string().min(9).default('0 7 * * *'),
  /**
   * Subscribers per gateway request: each agency is called once per page. 50 keeps the page's
   * query cost (about 58 a person) under the gateway's GRAPHQL_MAX_COST of 5,000.
   */
  NOTIFICATIONS_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(50),
  /** Retries of an email the mail server refused, the first after NOTIFICATIONS_RETRY_DELAY_SECONDS, then doubling. */
  NOTIFICATIONS_SEND_RETRIES: z.coerce.number().int().min(0).max(20).default(8),
  NOTIFICATIONS_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Emails one worker hands to the mail server at once. */
  NOTIFICATIONS_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Budget of one call to the gateway or the provider. */
  WORKER_CALL_TIMEOUT_MS: milliseconds(60_000),
});

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;

/** Reads the worker's environment once; throws ConfigError naming every invalid variable. */
export function readWorkerConfig(env: Environment = process.env) {
  const config = readConfig(workerEnv, env, {
    required: {
      ...DECLARATION_STORE_POLICY.required,
      ...NOTIFICATION_KEY_POLICY.required,
      SMTP_URL: { set: 'smtp(s)://… of the mail server', fallback: 'no email can be sent (npm start gives its catcher)' },
      NOTIFICATIONS_CLIENT_SECRET: {
        set: 'the secret of the client compte-des-comptes-notifications at the provider',
        fallback: 'its devClientSecret in config/third-parties.json',
      },
      GATEWAY_URL: { set: 'the gateway’s internal address', fallback: 'http://127.0.0.1:4000' },
      GATEWAY_PUBLIC_URL: { set: 'the https URL people reach the gateway at', fallback: 'http://localhost:4000' },
      FC_ISSUER: { set: 'the issuer of the provider giving third parties their tokens', fallback: 'the mock provider at http://localhost:4010/api/v2' },
      ...Object.fromEntries(
        Object.keys(agencySubgraphUrls).map((variable) => [variable, { set: `where the worker reaches the ${variable.split('_')[0]!.toLowerCase()} subgraph`, fallback: 'its development address' }]),
      ),
    },
    secrets: [...DECLARATION_STORE_POLICY.secrets, ...NOTIFICATION_KEY_POLICY.secrets, 'NOTIFICATIONS_CLIENT_SECRET'],
    publicUrls: ['GATEWAY_PUBLIC_URL'],
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
