// `npm start`: the whole platform on one machine, embedded defaults, fixed ports (README).
import { z } from 'zod';
import { milliseconds, port, readConfig, secret } from '../common/config.ts';
import { DEMO_PASSWORD, personaIdentities } from '../mocks/population/personas.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { readProtection } from '../gateway/src/limits/index.ts';
import { readGatewayResilience } from '../gateway/src/resilience.ts';
import { readAgencyResilience } from '../subgraphs/shared/agency-resilience.ts';

const config = readConfig(
  z.object({
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
    DATABASE_URL: z.url().optional(),
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).default('compte_des_comptes'),
    // Random when unset: fine in memory, but with DATABASE_URL stored consents name person ids,
    // so a deployment keeps both keys from one start to the next.
    PERSON_ID_KEY: secret().optional(),
    MODULE_PSEUDONYM_SECRET: secret().optional(),
    AGENCY_TIMEOUT_MS: milliseconds(3000),
    SUBGRAPH_TIMEOUT_MS: milliseconds(5000),
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().positive().default(1800),
    GATEWAY_MODE: z.enum(['development', 'production']).default('development'),
  }),
);

const platform = await startPlatform({
  ports: {
    gateway: config.GATEWAY_PORT,
    provider: config.FC_PORT,
    subgraphs: {
      identity: config.IDENTITY_SUBGRAPH_PORT,
      training: config.TRAINING_SUBGRAPH_PORT,
      retirement: config.RETIREMENT_SUBGRAPH_PORT,
      family: config.FAMILY_SUBGRAPH_PORT,
      employment: config.EMPLOYMENT_SUBGRAPH_PORT,
      account: config.ACCOUNT_SUBGRAPH_PORT,
    },
    modules: { orientation: config.ORIENTATION_PORT },
    agencies: { cpf: config.CPF_PORT, rgcu: config.RGCU_PORT, caf: config.CAF_PORT, 'france-travail': config.FRANCE_TRAVAIL_PORT },
  },
  gatewayPublicUrl: config.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
  providerIssuer: config.FC_ISSUER.replace(/\/+$/, ''),
  population: { seed: config.POPULATION_SEED, size: config.POPULATION_SIZE },
  redisUrl: config.REDIS_URL,
  databaseUrl: config.DATABASE_URL,
  databaseSchema: config.DATABASE_SCHEMA,
  personIdKey: config.PERSON_ID_KEY,
  pseudonymSecret: config.MODULE_PSEUDONYM_SECRET,
  agencyTimeoutMs: config.AGENCY_TIMEOUT_MS,
  agencyResilience: readAgencyResilience(),
  gateway: { production: config.GATEWAY_MODE === 'production', protection: readProtection(), resilience: readGatewayResilience() },
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  idleTimeoutSeconds: config.SESSION_IDLE_TIMEOUT_SECONDS,
});

const g = platform.gatewayUrl;
console.log(`
Compte des comptes is running.

  Web app      ${g}/app/
  Sign in      ${g}/auth/login
  GraphiQL     ${g}/graphiql
  GraphQL      ${g}/graphql
  Log out      ${g}/auth/logout
  Health       ${g}/healthz · ${g}/readyz
  FranceConnect (mock)  ${platform.providerUrl}
  Subgraphs    ${Object.entries(platform.subgraphUrls).map(([n, u]) => `${n} ${u}`).join(' · ')}
  Agencies     ${Object.entries(platform.agencyUrls).map(([n, u]) => `${n} ${u}`).join(' · ')}
  Modules      ${Object.entries(platform.moduleUrls).map(([n, u]) => `${n} ${u}`).join(' · ') || 'none'}

  Demo logins (password "${DEMO_PASSWORD}"): ${personaIdentities.map((p) => p.login).join(', ')}
  Third parties (client credentials at ${platform.providerUrl}/api/v2/token; secrets in config/third-parties.json):
    ${platform.thirdParties.all.map((tp) => `${tp.clientId} (${tp.kind})`).join(', ')}
  Sessions: ${config.REDIS_URL ? 'Redis' : 'in process'}. Consents and journal: ${config.DATABASE_URL ? 'PostgreSQL' : 'PGlite, in memory'}.
  Gateway mode: ${config.GATEWAY_MODE}. Ctrl-C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopped with an error:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  });
}
