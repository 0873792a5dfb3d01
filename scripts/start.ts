// `npm start`: the whole platform on one machine, embedded defaults, fixed ports (README).
import { readConfig } from '../common/config.ts';
import { DEMO_PASSWORD, personaIdentities } from '../mocks/population/personas.ts';
import { startEnv } from '../platform/start-config.ts';
import { startPlatform } from '../platform/start-platform.ts';
import { protectionFrom } from '../gateway/src/limits/settings.ts';
import { gatewayResilienceFrom } from '../gateway/src/resilience.ts';
import { agencyResilienceFrom } from '../subgraphs/shared/agency-resilience.ts';

const config = readConfig(startEnv);

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
  agencyResilience: agencyResilienceFrom(config),
  gateway: { production: config.GATEWAY_MODE === 'production', protection: protectionFrom(config), resilience: gatewayResilienceFrom(config) },
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
