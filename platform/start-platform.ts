import { generateKeyPair, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { startAgencies, type AgencyName } from '../mocks/agencies/index.ts';
import { generatePopulation } from '../mocks/population/index.ts';
import { createSessionStore } from '../gateway/src/session/index.ts';
import { SUPERGRAPH_PATH } from '../schemas/compose.ts';
import { startGatewayAndProvider, type GatewayHardening } from './gateway.ts';
import type { CallPolicySettings } from '../common/resilience/policy.ts';
import { startSubgraphs, type RunningSubgraphs } from './subgraphs.ts';
import { loadModules, MODULES_PATH } from '../common/modules.ts';
import { loadThirdParties, type ThirdPartyRegistry } from '../common/third-parties.ts';
import type { Database } from '../subgraphs/identity/store/database.ts';
import { openMigratedDatabase } from '../subgraphs/identity/store/migrations.ts';
import { startModules } from './modules.ts';

export interface PlatformOptions {
  host?: string;
  /** Fixed ports (npm start); absent or 0: any free port (tests). */
  ports?: {
    gateway?: number;
    provider?: number;
    subgraphs?: Partial<Record<string, number>>;
    modules?: Partial<Record<string, number>>;
    agencies?: Partial<Record<AgencyName, number>>;
  };
  gatewayPublicUrl?: string;
  providerIssuer?: string;
  population?: { seed?: number; size?: number; today?: string };
  /** Sessions in Redis when set, in this process otherwise. */
  redisUrl?: string;
  redisPrefix?: string;
  agencyTimeoutMs?: number;
  /** Retries, circuit and concurrency limit of the agency calls (subgraphs/shared/agency-resilience.ts). */
  agencyResilience?: Partial<CallPolicySettings>;
  subgraphTimeoutMs?: number;
  /** Mode, limits and resilience of the gateway; development mode and defaults when absent. */
  gateway?: GatewayHardening;
  personIdKey?: string;
  /** Registered third parties; config/third-parties.json by default. */
  thirdParties?: ThirdPartyRegistry;
  /** PostgreSQL for consents and the journal; embedded PGlite when unset. */
  databaseUrl?: string;
  databaseSchema?: string;
  /** A database opened and migrated by the caller (tests), instead of databaseUrl; not closed by close(). */
  database?: Database;
  /** The clock consents start, expire and are journaled by; the real time by default. */
  consentClock?: () => Date;
  /** Registered modules (config/modules.json by default); those shipped here are started. */
  modulesPath?: string;
  /** Modules running elsewhere (tests run their own), by name: not started here. */
  moduleUrls?: Record<string, string>;
  /** Secret of the modules' pseudonym keys; random at each start by default. */
  pseudonymSecret?: string;
  supergraphPath?: string;
  supergraphPollIntervalMs?: number;
  idleTimeoutSeconds?: number;
  /** The clock of the subgraphs' rules. */
  now?: () => Date;
  /** The internal-token key pair; generated when absent. */
  tokenKeys?: { privateKey: CryptoKey; publicKey: CryptoKey };
}

export interface RunningPlatform {
  gatewayUrl: string;
  providerUrl: string;
  subgraphUrls: Record<string, string>;
  agencyUrls: Record<AgencyName, string>;
  agencies: Awaited<ReturnType<typeof startAgencies>>;
  subgraphs: RunningSubgraphs;
  /** GraphQL endpoint of each module, started here or elsewhere. */
  moduleUrls: Record<string, string>;
  personIdKey: string;
  /** The public key of internal tokens, for modules run by the caller. */
  tokenPublicKey: CryptoKey;
  /** Consents and the access journal. */
  database: Database;
  thirdParties: ThirdPartyRegistry;
  close(): Promise<void>;
}

export const DEV_CLIENT_ID = 'compte-des-comptes';

/**
 * The whole platform in one process, each server on its own port: the four mock agencies
 * over a synthetic population, the platform's subgraphs, the modules shipped here, the mock
 * FranceConnect (with the registered third parties) and the gateway.
 * `npm start` runs it on fixed ports; end-to-end tests on port 0.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const host = options.host ?? '127.0.0.1';
  const today = options.population?.today ?? new Date().toISOString().slice(0, 10);
  const population = generatePopulation({ seed: options.population?.seed ?? 42, size: options.population?.size ?? 10_000, today });
  const { privateKey, publicKey } = options.tokenKeys ?? (await generateKeyPair('ES256'));
  const personIdKey = options.personIdKey ?? randomBytes(32).toString('base64url');
  const clientSecret = randomBytes(32).toString('base64url');
  const pseudonymSecret = options.pseudonymSecret ?? randomBytes(32).toString('base64url');
  const thirdParties = options.thirdParties ?? (await loadThirdParties());
  const modulesPath = options.modulesPath ?? MODULES_PATH;

  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const database = options.database ?? (await openMigratedDatabase({ url: options.databaseUrl, schema: options.databaseSchema }));
    if (!options.database) closers.push(() => database.close());
    const agencies = await startAgencies({ population, host, ports: options.ports?.agencies, clock: options.now });
    closers.push(() => agencies.close());
    const subgraphs = await startSubgraphs({
      host,
      ports: options.ports?.subgraphs,
      tokenKey: publicKey,
      personIdKey,
      agencyUrls: agencies.urls,
      agencyApiKeys: agencies.apiKeys,
      agencyTimeoutMs: options.agencyTimeoutMs ?? 3000,
      agencyResilience: options.agencyResilience,
      now: options.now,
      database,
      thirdParties,
      consentClock: options.consentClock,
    });
    closers.push(() => subgraphs.close());
    const elsewhere = options.moduleUrls ?? {};
    const modules = await startModules({
      host,
      ports: options.ports?.modules,
      modules: loadModules(modulesPath).filter((m) => !(m.name in elsewhere)),
      tokenKey: publicKey,
    });
    closers.push(() => modules.close());
    const sessions = createSessionStore({ redisUrl: options.redisUrl, prefix: options.redisPrefix });
    const gateway = await startGatewayAndProvider({
      host,
      gatewayPort: options.ports?.gateway,
      providerPort: options.ports?.provider,
      gatewayPublicUrl: options.gatewayPublicUrl,
      providerIssuer: options.providerIssuer,
      clientId: DEV_CLIENT_ID,
      clientSecret,
      thirdParties,
      pseudonymSecret,
      modulesPath,
      supergraphPath: options.supergraphPath ?? SUPERGRAPH_PATH,
      subgraphUrls: { ...subgraphs.urls, ...modules.urls, ...elsewhere },
      subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5000,
      tokenKey: privateKey,
      personIdKey,
      sessions,
      idleTimeoutSeconds: options.idleTimeoutSeconds,
      supergraphPollIntervalMs: options.supergraphPollIntervalMs,
      hardening: { ...options.gateway, redisUrl: options.redisUrl, redisPrefix: options.redisPrefix },
    });
    closers.push(() => gateway.close());
    return {
      gatewayUrl: gateway.gatewayUrl,
      providerUrl: gateway.providerUrl,
      subgraphUrls: subgraphs.urls,
      agencyUrls: agencies.urls,
      agencies,
      subgraphs,
      moduleUrls: { ...modules.urls, ...elsewhere },
      personIdKey,
      tokenPublicKey: publicKey,
      database,
      thirdParties,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
