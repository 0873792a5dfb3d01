// What every gateway under test calls, in one process of its own: the four mock agencies over
// the synthetic population, the platform's subgraphs, the modules, and consents in a database.
import type { JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personIdOf } from '../common/person-id.ts';
import { loadThirdParties, type ThirdParty } from '../common/third-parties.ts';
import type { SessionIdentity } from '../gateway/src/session/index.ts';
import { withoutScopeDirectives } from '../gateway/src/supergraph.ts';
import { AGENCY_NAMES, type AgencyName } from '../contract/agencies.ts';
import { startPlatform } from '../dev/platform.ts';
import { ON_FREE_PORTS } from '../dev/services.ts';
import { AGENCY_ENV_PREFIX } from '../mocks/agencies/common/config.ts';
import { generatePopulation } from '../mocks/population/index.ts';
import { personaIdentities } from '../mocks/population/personas.ts';
import type { Pivot } from '../contract/pivot.ts';
import type { Population } from '../mocks/population/types.ts';
import { SUPERGRAPH_PATH } from '../schemas/compose.ts';
import { ConsentStore } from '../subgraphs/identity/store/consents.ts';
import type { Database } from '../common/database.ts';
import { dropSchema, uniqueSchema } from '../tests/support/database.ts';
import { benchConfig, serveChild } from './child.ts';

export interface BackendConfig {
  publicJwk: JWK;
  personIdKey: string;
  populationSize: number;
  /** How many signed-in citizens W1 and W2 rotate over: the personas, then persons known to every agency. */
  citizens: number;
  /** The third party whose caseload W3 lists, and how many persons consented to it. */
  caseload: { clientId: string; size: number; scopes: string[] };
  /** PostgreSQL for consents and the journal (a schema of the bench's own); PGlite when absent. */
  databaseUrl?: string;
}

export interface BackendInfo {
  agencyUrls: Record<AgencyName, string>;
  agencyApiKeys: Record<AgencyName, string>;
  /** GraphQL endpoint of each subgraph and module. */
  subgraphUrls: Record<string, string>;
  /** The supergraph every gateway under test loads, with these URLs in it. */
  supergraphPath: string;
  /** Who W1 and W2 are signed in as: the personas first. */
  citizens: SessionIdentity[];
  /** The persons who consented to the caseload's third party, ordered by person id. */
  caseload: Array<{ personId: string; pivot: Pivot }>;
}

const CONSENT_DAYS = 365;

await serveChild<BackendInfo>(async () => {
  const config = benchConfig<BackendConfig>();
  const today = new Date().toISOString().slice(0, 10);
  const population = generatePopulation({ seed: 42, size: config.populationSize, today });
  const schema = uniqueSchema();
  const agencyApiKeys = Object.fromEntries(AGENCY_NAMES.map((agency) => [agency, randomBytes(32).toString('base64url')])) as Record<AgencyName, string>;
  // The agencies, the subgraphs and the modules, through the development launcher; the gateways under test run elsewhere.
  const platform = await startPlatform({
    roles: ['agency', 'subgraph', 'module'],
    env: {
      POPULATION_SIZE: String(config.populationSize),
      POPULATION_TODAY: today,
      INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify(config.publicJwk),
      PERSON_ID_KEY: config.personIdKey,
      ...Object.fromEntries(AGENCY_NAMES.map((agency) => [`${AGENCY_ENV_PREFIX[agency]}_API_KEY`, agencyApiKeys[agency]])),
      ...ON_FREE_PORTS,
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl, DATABASE_SCHEMA: schema } : {}),
    },
  });
  const thirdParties = await loadThirdParties();
  const subgraphUrls = { ...platform.subgraphUrls, ...platform.moduleUrls };

  const folder = await mkdtemp(join(tmpdir(), 'cdc-bench-'));
  const supergraphPath = join(folder, 'supergraph.graphql');
  await writeFile(supergraphPath, benchSupergraph(await readFile(SUPERGRAPH_PATH, 'utf8'), subgraphUrls));

  const caseload = await grantCaseload(platform.database, population, config, thirdParties.get(config.caseload.clientId));
  return {
    info: { agencyUrls: platform.agencyUrls, agencyApiKeys, subgraphUrls, supergraphPath, citizens: citizensOf(population, config.citizens), caseload },
    close: async () => {
      await platform.close();
      if (config.databaseUrl) await dropSchema(config.databaseUrl, schema);
    },
  };
});

/**
 * The platform's supergraph as every peer can load it: with the URLs the subgraphs listen on,
 * and without `@requiresScopes`, which stock @apollo/gateway refuses and which the platform's
 * gateway strips itself on load (gateway/src/supergraph.ts); the subgraphs enforce scopes.
 */
function benchSupergraph(sdl: string, urls: Record<string, string>): string {
  return withoutScopeDirectives(sdl).replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/** The personas as the provider asserts them, then persons every agency knows, with made-up subjects. */
function citizensOf(population: Population, count: number): SessionIdentity[] {
  const personas: SessionIdentity[] = personaIdentities.map(({ login, pivot, email }) => ({ sub: `bench-${login}`, pivot, email }));
  const others = population.persons
    .filter((p) => p.login === null && Object.values(p.dossiers).every((dossier) => dossier !== null))
    .slice(0, Math.max(0, count - personas.length))
    .map((p, i): SessionIdentity => ({ sub: `bench-${i}`, pivot: p.pivot, email: null }));
  return [...personas, ...others];
}

/** Persons known to both CAF and France Travail consent to the third party, for W3's two sections. */
async function grantCaseload(
  db: Database,
  population: Population,
  config: BackendConfig,
  grantee: ThirdParty | undefined,
): Promise<BackendInfo['caseload']> {
  if (!grantee) throw new Error(`${config.caseload.clientId} is not in config/third-parties.json`);
  const consents = new ConsentStore(db);
  const persons = population.persons
    .filter((p) => p.login === null && p.dossiers.caf !== null && p.dossiers['france-travail'] !== null)
    .slice(0, config.caseload.size);
  const startsAt = new Date();
  const expiresAt = new Date(startsAt.getTime() + CONSENT_DAYS * 86_400_000);
  const caseload = [];
  for (const person of persons) {
    const personId = personIdOf(person.pivot, config.personIdKey);
    await consents.grant({
      personId,
      pivot: person.pivot,
      grantee: { clientId: grantee.clientId, name: grantee.name, kind: grantee.kind },
      scopes: config.caseload.scopes,
      purpose: { code: 'SOCIAL_SUPPORT', text: 'Accompagnement social' },
      startsAt,
      expiresAt,
    });
    caseload.push({ personId, pivot: person.pivot });
  }
  return caseload.sort((a, b) => a.personId.localeCompare(b.personId));
}
