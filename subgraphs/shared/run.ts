import { z } from 'zod';
import { importEs256, jwk, milliseconds, port, readConfig, secret } from '../../common/config.ts';
import { listenApp } from '../../common/listen.ts';
import type { FastifyInstance } from 'fastify';
import type { AgencySubgraphDeps } from './agency-subgraph.ts';
import { readAgencyResilience } from './agency-resilience.ts';

interface AgencyEnv {
  subgraph: string;
  defaultPort: number;
  /** Prefix of the agency's variables: `CPF` → `CPF_URL`, `CPF_API_KEY`. */
  agencyPrefix: string;
  defaultAgencyUrl: string;
  defaultApiKey: string;
}

const common = {
  SUBGRAPH_HOST: z.string().default('127.0.0.1'),
  INTERNAL_TOKEN_PUBLIC_JWK: jwk(),
  PERSON_ID_KEY: secret(),
};

/** Entry point of an agency subgraph run as its own process: reads the environment, listens, stops on signals. */
export async function runAgencySubgraph(env: AgencyEnv, build: (deps: AgencySubgraphDeps) => Promise<FastifyInstance>) {
  const prefix = env.subgraph.toUpperCase();
  const config = readConfig(
    z.object({
      ...common,
      [`${prefix}_SUBGRAPH_PORT`]: port(env.defaultPort),
      [`${env.agencyPrefix}_URL`]: z.url().default(env.defaultAgencyUrl),
      [`${env.agencyPrefix}_API_KEY`]: z.string().min(1).default(env.defaultApiKey),
      AGENCY_TIMEOUT_MS: milliseconds(3000),
    }),
  );
  const named = config as unknown as Record<string, string | number>;
  const app = await build({
    agencyUrl: named[`${env.agencyPrefix}_URL`] as string,
    agencyApiKey: named[`${env.agencyPrefix}_API_KEY`] as string,
    agencyTimeoutMs: config.AGENCY_TIMEOUT_MS,
    agencyResilience: readAgencyResilience(),
    tokenKey: await importEs256(config.INTERNAL_TOKEN_PUBLIC_JWK),
    personIdKey: config.PERSON_ID_KEY,
    logger: true,
  });
  await serve(app, config.SUBGRAPH_HOST, named[`${prefix}_SUBGRAPH_PORT`] as number, env.subgraph);
}

export async function serve(app: FastifyInstance, host: string, listenPort: number, name: string): Promise<void> {
  const { url } = await listenApp(app, { host, port: listenPort });
  console.log(`${name} subgraph: ${url}/graphql`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

export const identityEnv = {
  ...common,
  IDENTITY_SUBGRAPH_PORT: port(4101),
  // PostgreSQL for consents and the journal; embedded PGlite (in memory) when unset.
  DATABASE_URL: z.url().optional(),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('compte_des_comptes'),
};

/** The account subgraph calls no agency and needs no person-id key: only the token key. */
export const accountEnv = {
  SUBGRAPH_HOST: common.SUBGRAPH_HOST,
  INTERNAL_TOKEN_PUBLIC_JWK: common.INTERNAL_TOKEN_PUBLIC_JWK,
  ACCOUNT_SUBGRAPH_PORT: port(4106),
};
