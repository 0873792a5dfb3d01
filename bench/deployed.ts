// The platform as docker-compose.yml deploys it, for the bench: the gateway, each subgraph and
// module, the mock provider and the four mock agencies, each its own compiled process
// (`node dist/…`, from the images' folders of tests/deployed/topology.ts) with the environment
// compose gives it. The bench's departures from compose, and why, are listed in `overrides`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCY_NAMES, type AgencyName } from '../contract/agencies.ts';
import { AGENCY_ENV_PREFIX } from '../mocks/agencies/common/config.ts';
import { ARTIFACTS, generateSecrets, prepareImages, startServices, type Services } from '../tests/deployed/topology.ts';
import type { ComposeService } from '../tests/deployed/compose.ts';

/** The one gateway instance measured: peer (a). */
export const GATEWAY = 'gateway-1';
export const PROVIDER = 'franceconnect';
/** Their ports in their containers (docker-compose.yml). */
const GATEWAY_PORT = '4000';
const PROVIDER_PORT = '4010';
/** Which compose services are the platform's own (the gateway aside), and which stand in for others. */
export const PLATFORM_SERVICES = ['identity', 'training', 'retirement', 'family', 'employment', 'account'] as const;
export const MOCK_SERVICES = ['orientation', 'offres', 'cpf', 'rgcu', 'caf', 'france-travail', PROVIDER] as const;

/** The bench measures the gateway, not its rate limiter's verdicts: the limits are set out of reach, the counting still runs. */
const OUT_OF_REACH = '1000000000';

export interface DeployedOptions {
  /** PostgreSQL for the identity subgraph (a schema of the run's own); PGlite in its process when absent. */
  databaseUrl: string | undefined;
  redisUrl: string;
  redisKeyPrefix: string;
  /** The day the agencies' population is generated at, the bench's own. */
  today: string;
  /** Each process writes a `--cpu-prof` profile under this folder (one folder per service) when it stops. */
  profileDir?: string;
  /** Runs what the last build left in the images' folders (`--no-build`, while profiling one change after another). */
  skipBuild?: boolean;
}

export interface Deployed {
  services: Services;
  /** What `npm run -s secrets` printed for this run (keys, API keys). */
  secrets: Record<string, string>;
  gatewayUrl: string;
  providerUrl: string;
  agencyUrls: Record<AgencyName, string>;
  agencyApiKeys: Record<AgencyName, string>;
  /** GraphQL endpoint of each subgraph and module, by its name in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** Starts the identity subgraph again, on PostgreSQL or on PGlite (an empty database either way). */
  restartIdentity(databaseUrl: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** `npm run build` and the images' dependencies (kept while package-lock.json is the same), then every process but gateway-2. */
export async function startDeployed(options: DeployedOptions): Promise<Deployed> {
  if (!options.skipBuild) await prepareImages();
  // compose refuses to read a file whose required variables are unset, the worker's mail server
  // among them; the bench does not run the worker (it serves no request), so no mail is sent.
  const secrets: Record<string, string> = { ...generateSecrets(), SMTP_URL: 'smtp://127.0.0.1:25' };
  let identityDatabase = options.databaseUrl;
  const urlOf = (service: string, variable: string) => services.mapValue(services.services.get(service)!.environment[variable]!);
  const overrides = (service: ComposeService, env: Record<string, string>, portOf: (name: string, port: string) => number | undefined) => ({
    ...departures(service, env, portOf),
    // Profiling: stopped by SIGTERM at once (no drain delay), each process writes its profile.
    ...(options.profileDir ? { SHUTDOWN_DELAY_MS: '0' } : {}),
  });
  const departures = (service: ComposeService, env: Record<string, string>, portOf: (name: string, port: string) => number | undefined) => {
    const gatewayUrl = `http://127.0.0.1:${portOf(GATEWAY, GATEWAY_PORT)}`;
    const issuer = `http://127.0.0.1:${portOf(PROVIDER, PROVIDER_PORT)}/api/v2`;
    switch (service.name) {
      case GATEWAY:
      case PROVIDER:
        // No nginx, TLS nor public names here: production refuses plain-http and loopback public
        // URLs, so these two run in development mode, every variable still set (none falls back
        // on a default); the gateway runs the persisted operations only, as in production.
        return {
          PLATFORM_ENV: 'development',
          GATEWAY_PUBLIC_URL: gatewayUrl,
          FC_ISSUER: issuer,
          NODE_EXTRA_CA_CERTS: undefined,
          ...(service.name === GATEWAY
            ? {
                GATEWAY_DOCUMENTS: 'persisted',
                REDIS_KEY_PREFIX: options.redisKeyPrefix,
                RATE_LIMIT_PER_SESSION: OUT_OF_REACH,
                RATE_LIMIT_PER_CLIENT: OUT_OF_REACH,
              }
            : {}),
        };
      case 'identity':
        // PGlite is the development fallback of an unset DATABASE_URL (production requires one).
        return identityDatabase ? { DATABASE_URL: identityDatabase } : { DATABASE_URL: undefined, DATABASE_SCHEMA: undefined, PLATFORM_ENV: 'development' };
      default:
        // The agencies' population on the bench's day, which generates the same persons.
        return 'POPULATION_SIZE' in env ? { POPULATION_TODAY: options.today } : {};
    }
  };
  const services: Services = await startServices(secrets, {
    redisUrl: options.redisUrl,
    databaseUrl: options.databaseUrl,
    only: new Set([GATEWAY, PROVIDER, ...PLATFORM_SERVICES, ...MOCK_SERVICES]),
    overrides,
    logDir: join(ARTIFACTS, '..', 'bench', 'logs'),
    stopSignal: options.profileDir ? 'SIGTERM' : 'SIGKILL',
    nodeFlags: (service) => (options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profileDir, service.name)}`] : []),
  });
  try {
    const gatewayEnv = services.services.get(GATEWAY)!.environment;
    const subgraphUrls = Object.fromEntries(
      Object.keys(gatewayEnv)
        .map((variable) => [/^([A-Z]+)_SUBGRAPH_URL$/.exec(variable)?.[1] ?? /^MODULE_([A-Z]+)_URL$/.exec(variable)?.[1], variable] as const)
        .filter((entry): entry is readonly [string, string] => entry[0] !== undefined)
        .map(([name, variable]) => [name.toLowerCase(), urlOf(GATEWAY, variable)]),
    );
    const agencyUrlVariable = (agency: AgencyName) => `${AGENCY_ENV_PREFIX[agency]}_URL`;
    const agencySubgraph = (agency: AgencyName) =>
      [...services.services.values()].find((service) => agencyUrlVariable(agency) in service.environment)!.name;
    return {
      services,
      secrets,
      gatewayUrl: `http://127.0.0.1:${services.processes.get(GATEWAY)!.ports[GATEWAY_PORT]}/graphql`,
      providerUrl: `http://127.0.0.1:${services.processes.get(PROVIDER)!.ports[PROVIDER_PORT]}/api/v2`,
      agencyUrls: Object.fromEntries(AGENCY_NAMES.map((agency) => [agency, urlOf(agencySubgraph(agency), agencyUrlVariable(agency))])) as Record<
        AgencyName,
        string
      >,
      agencyApiKeys: Object.fromEntries(AGENCY_NAMES.map((agency) => [agency, secrets[`${AGENCY_ENV_PREFIX[agency]}_API_KEY`]!])) as Record<
        AgencyName,
        string
      >,
      subgraphUrls,
      restartIdentity: async (databaseUrl) => {
        identityDatabase = databaseUrl;
        await services.stop('identity');
        await services.start('identity');
      },
      close: () => services.close(),
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}

/** A process's CPU time so far (user + system) and resident memory now, read from /proc. */
export function procUsage(pid: number): { cpuMicros: number; rssBytes: number } {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 14th and 15th of the line, rss the 24th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { cpuMicros: (ticks * 1_000_000) / CLOCK_TICKS, rssBytes: Number(fields[21]) * PAGE_SIZE };
  } catch {
    return { cpuMicros: Number.NaN, rssBytes: Number.NaN };
  }
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const PAGE_SIZE = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
