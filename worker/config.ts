import { z } from 'zod';
import { port, readConfig, secret, serviceEnv, type Environment } from '../common/config.ts';
import { DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../contract/development.ts';

/** Every variable the worker reads. */
export const workerEnv = z.object({
  ...serviceEnv,
  /** Interface of its health and metrics endpoints; containers set 0.0.0.0. */
  WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_PORT: port(4110),
  /** The PostgreSQL of the identity subgraph (subscriptions) and of the job queue; the embedded PGlite of this process in development. */
  DATABASE_URL: z.url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,56}$/).default('compte_des_comptes'),
  /** The same key as the identity subgraph's: opens the addresses, signs the links. */
  NOTIFICATION_ENCRYPTION_KEY: secret().default(DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY),
  /** Where the worker reads the subscribers' alerts: the gateway, as a third party does (internal address). */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4000'),
  /** Where the emails' links lead. */
  GATEWAY_PUBLIC_URL: z.url().default('http://localhost:4000'),
  /** The provider that gives the notifications client its token (client credentials). */
  FC_ISSUER: z.url().default('http://localhost:4010/api/v2'),
  NOTIFICATIONS_CLIENT_SECRET: z.string().min(1).optional(),
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
  /** Read by Node itself, at start: authorities trusted besides the system's (the compose trial's certificates). */
  NODE_EXTRA_CA_CERTS: z.string().min(1).optional(),
  /** Budget of one call to the gateway or the provider. */
  WORKER_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
});

/** Reads the worker's environment once; throws ConfigError naming every invalid variable. */
export const readWorkerConfig = (env: Environment = process.env) =>
  readConfig(workerEnv, env, {
    required: {
      DATABASE_URL: { set: 'postgres://… of the PostgreSQL the identity subgraph uses', fallback: 'the embedded PGlite of this process' },
      NOTIFICATION_ENCRYPTION_KEY: { set: 'the identity subgraph’s NOTIFICATION_ENCRYPTION_KEY', fallback: 'the documented development key' },
      SMTP_URL: { set: 'smtp(s)://… of the mail server', fallback: 'no email can be sent (npm start gives its catcher)' },
      NOTIFICATIONS_CLIENT_SECRET: {
        set: 'the secret of the client compte-des-comptes-notifications at the provider',
        fallback: 'its devClientSecret in config/third-parties.json',
      },
      GATEWAY_URL: { set: 'the gateway’s internal address', fallback: 'http://127.0.0.1:4000' },
      GATEWAY_PUBLIC_URL: { set: 'the https URL people reach the gateway at', fallback: 'http://localhost:4000' },
      FC_ISSUER: { set: 'the issuer of the provider giving third parties their tokens', fallback: 'the mock provider at http://localhost:4010/api/v2' },
    },
    secrets: ['NOTIFICATION_ENCRYPTION_KEY', 'NOTIFICATIONS_CLIENT_SECRET'],
    publicUrls: ['GATEWAY_PUBLIC_URL'],
  });

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;
