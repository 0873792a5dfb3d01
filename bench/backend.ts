// What every gateway under test calls: the platform as deployed (deployed.ts: the subgraphs, the
// modules, the mock agencies over the synthetic population, the mock provider, each its own
// process from dist/), the citizens' sessions and the caseload's consents, and the supergraph
// every peer loads.
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personIdOf } from '../common/person-id.ts';
import type { AgencyName } from '../contract/agencies.ts';
import { mintInternalToken } from '../contract/internal-token.ts';
import type { Pivot } from '../contract/pivot.ts';
import { citizenContext } from '../gateway/src/access.ts';
import { createSession, createSessionStore, DEFAULT_IDLE_TIMEOUT_SECONDS, type SessionIdentity } from '../gateway/src/session/index.ts';
import { withoutScopeDirectives } from '../gateway/src/supergraph.ts';
import { generatePopulation } from '../mocks/population/index.ts';
import { personaIdentities } from '../mocks/population/personas.ts';
import type { Population } from '../mocks/population/types.ts';
import { SUPERGRAPH_PATH } from '../schemas/compose.ts';
import { startDeployed, type Deployed } from './deployed.ts';

export interface BackendConfig {
  populationSize: number;
  /** How many signed-in citizens W1 and W2 rotate over: the personas, then persons known to every agency. */
  citizens: number;
  /** The third party whose caseload W3 lists, and how many persons consented to it. */
  caseload: { clientId: string; size: number; scopes: string[] };
  /** PostgreSQL for consents and the journal (a schema of the bench's own); PGlite when absent. */
  databaseUrl: string | undefined;
  redisUrl: string;
  /** `--profile`: each deployed process writes a CPU profile here (deployed.ts). */
  profileDir?: string;
  /** `--no-build`: the last build's dist/. */
  skipBuild?: boolean;
}

export interface BackendInfo {
  agencyUrls: Record<AgencyName, string>;
  agencyApiKeys: Record<AgencyName, string>;
  /** GraphQL endpoint of each subgraph and module. */
  subgraphUrls: Record<string, string>;
  /** The supergraph every other gateway under test loads, with these URLs in it. */
  supergraphPath: string;
  /** Who W1 and W2 are signed in as: the personas first. */
  citizens: SessionIdentity[];
  /** Their session ids in the gateway's Redis, in order. */
  sessionIds: string[];
  /** The persons who consented to the caseload's third party, ordered by person id. */
  caseload: Array<{ personId: string; pivot: Pivot }>;
  /** The platform's gateway (peer a) and the mock provider its third parties get tokens from. */
  gatewayUrl: string;
  providerUrl: string;
  /** The gateway's signing key and the person id key, as `npm run -s secrets` made them. */
  privateJwk: JWK;
  personIdKey: string;
}

export interface Backend {
  info: BackendInfo;
  deployed: Deployed;
  /** Starts the identity subgraph again on another database, its caseload's consents granted anew. */
  switchDatabase(databaseUrl: string | undefined): Promise<void>;
  close(): Promise<void>;
}

const CONSENT_MONTHS = 12;

export async function startBackend(config: BackendConfig): Promise<Backend> {
  const today = new Date().toISOString().slice(0, 10);
  const population = generatePopulation({ seed: 42, size: config.populationSize, today });
  const redisKeyPrefix = `cdc-bench-${randomUUID()}:`;
  const deployed = await startDeployed({ ...config, redisKeyPrefix, today });
  try {
    const privateJwk = JSON.parse(deployed.secrets.INTERNAL_TOKEN_PRIVATE_JWK!) as JWK;
    const personIdKey = deployed.secrets.PERSON_ID_KEY!;
    const key = (await importJWK(privateJwk, 'ES256')) as CryptoKey;
    const citizens = citizensOf(population, config.citizens);
    const sessionIds = await preMintSessions(citizens, config.redisUrl, redisKeyPrefix);
    const folder = await mkdtemp(join(tmpdir(), 'cdc-bench-'));
    const supergraphPath = join(folder, 'supergraph.graphql');
    await writeFile(supergraphPath, benchSupergraph(await readFile(SUPERGRAPH_PATH, 'utf8'), deployed.subgraphUrls));
    const caseloadPersons = caseloadOf(population, config.caseload.size);
    const grant = () => grantCaseload(deployed.subgraphUrls.identity!, key, personIdKey, config.caseload, caseloadPersons);
    const caseload = await grant();
    return {
      info: {
        agencyUrls: deployed.agencyUrls,
        agencyApiKeys: deployed.agencyApiKeys,
        subgraphUrls: deployed.subgraphUrls,
        supergraphPath,
        citizens,
        sessionIds,
        caseload,
        gatewayUrl: deployed.gatewayUrl,
        providerUrl: deployed.providerUrl,
        privateJwk,
        personIdKey,
      },
      deployed,
      switchDatabase: async (databaseUrl) => {
        await deployed.restartIdentity(databaseUrl);
        await grant();
      },
      close: () => deployed.close(),
    };
  } catch (error) {
    await deployed.close();
    throw error;
  }
}

/** The citizens' sessions, in the gateway's Redis as a FranceConnect login leaves them. */
async function preMintSessions(citizens: SessionIdentity[], redisUrl: string, prefix: string): Promise<string[]> {
  const sessions = createSessionStore({ redisUrl, prefix });
  const createdAt = Math.floor(Date.now() / 1000);
  try {
    // One at a time: hundreds at once queue listeners on the Redis client before it connects.
    const ids = [];
    for (const citizen of citizens) ids.push(await createSession(sessions, { ...citizen, idToken: 'pre-minted', createdAt }, DEFAULT_IDLE_TIMEOUT_SECONDS));
    return ids;
  } finally {
    await sessions.close();
  }
}

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

/** Persons known to both CAF and France Travail: W3's two sections. */
function caseloadOf(population: Population, size: number): Pivot[] {
  return population.persons
    .filter((p) => p.login === null && p.dossiers.caf !== null && p.dossiers['france-travail'] !== null)
    .slice(0, size)
    .map((p) => p.pivot);
}

const GRANT = `mutation Grant($grantee: ID!, $scopes: [String!]!, $months: Int!) {
  grantConsent(grantee: $grantee, scopes: $scopes, purpose: { code: SOCIAL_SUPPORT, text: "Accompagnement social" }, durationMonths: $months) { id }
}`;

/**
 * Each caseload person consents to the third party as a citizen does: `grantConsent` at the
 * identity subgraph, with the internal token the gateway would mint for their session.
 */
async function grantCaseload(
  identityUrl: string,
  key: CryptoKey,
  personIdKey: string,
  caseload: BackendConfig['caseload'],
  persons: Pivot[],
): Promise<BackendInfo['caseload']> {
  const granted = [];
  for (const pivot of persons) {
    const { claims } = citizenContext({ sub: 'bench', pivot, email: null }, personIdKey);
    const token = await mintInternalToken(claims, { key, audience: 'identity', lifetimeSeconds: 60 });
    const response = await fetch(identityUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: GRANT, variables: { grantee: caseload.clientId, scopes: caseload.scopes, months: CONSENT_MONTHS } }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (response.status !== 200 || body.errors) throw new Error(`grantConsent answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    granted.push({ personId: personIdOf(pivot, personIdKey), pivot });
  }
  return granted.sort((a, b) => a.personId.localeCompare(b.personId));
}
