import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { DestinationStream } from 'pino';
import { Lifecycle } from '../common/lifecycle.ts';
import { createLogger, type LogLevel } from '../common/observability/logging.ts';
import type { RunningService, ServiceDefinition } from '../common/service.ts';
import { loadThirdParties, type ThirdPartyRegistry } from '../common/third-parties.ts';
import { AGENCY_NAMES, type AgencyName } from '../contract/agencies.ts';
import { AGENCY_ENV_PREFIX } from '../mocks/agencies/common/config.ts';
import type { RunningAgency } from '../mocks/agencies/common/service.ts';
import type { AgencyServer } from '../mocks/agencies/index.ts';
import type { RunningProvider } from '../mocks/franceconnect/service.ts';
import { AGENCY_SUBGRAPH_ENV } from '../subgraphs/shared/config.ts';
import type { RunningIdentity } from '../subgraphs/identity/service.ts';
import type { Database } from '../common/database.ts';
import { gatewayService } from '../gateway/src/service.ts';
import { SERVICES, type ServiceRole } from './services.ts';
import { workerService, type RunningWorker } from '../worker/service.ts';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

export interface PlatformOptions {
  /** Interface every server listens on; 127.0.0.1 by default. */
  host?: string;
  /**
   * Variables over the development values, read by every service as a container reads its own
   * (`npm start` passes its environment; tests pass ports 0, a pinned population day…), and the
   * launcher's own: SMTP_CATCHER_PORT and SMTP_CATCHER_WEB_PORT, the SMTP catcher's (any free port by default).
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock of every service's rules and records; the real time by default. */
  now?: () => Date;
  /** The clock consents start, expire and are journaled by (identity); `now` by default. */
  consentClock?: () => Date;
  /** Logs of every server, each naming its service; none when absent. */
  logs?: { level?: LogLevel; destination?: DestinationStream };
  /** The internal-token key pair; generated when absent. */
  tokenKeys?: { privateKey: CryptoKey; publicKey: CryptoKey };
  /** Which kinds of service to start (the bench runs its gateways elsewhere); all by default. */
  roles?: readonly ServiceRole[];
}

export interface RunningPlatform {
  /** The gateway's public URL (a load balancer's, when one was given as GATEWAY_PUBLIC_URL). */
  gatewayUrl: string;
  /** Where each service listens, by name. */
  listeningUrls: Record<string, string>;
  /** The provider's issuer (`…/api/v2`). */
  providerUrl: string;
  /** GraphQL endpoint of each of the platform's subgraphs. */
  subgraphUrls: Record<string, string>;
  agencyUrls: Record<AgencyName, string>;
  agencies: { instances: Record<AgencyName, AgencyServer> };
  /** GraphQL endpoint of each module, started here or elsewhere. */
  moduleUrls: Record<string, string>;
  personIdKey: string;
  /** The public key of internal tokens, for modules run by the caller. */
  tokenPublicKey: CryptoKey;
  /** Consents and the access journal. */
  database: Database;
  thirdParties: ThirdPartyRegistry;
  /** The worker (notifications), when started. */
  worker?: RunningWorker;
  /** The mail server that caught the worker's emails, when SMTP_URL was not given. */
  smtpCatcher?: SmtpCatcher;
  /** What each service fell back on, in development. */
  developmentDefaults: Record<string, string[]>;
  /** One more gateway instance, from the first one's environment, as two containers of one service; its URL. */
  addGatewayInstance(): Promise<string>;
  /** One more worker, from the first one's environment, as two containers of one service. */
  addWorkerInstance(): Promise<RunningWorker>;
  /** Stops one service (tests of a subgraph going down). */
  stop(service: string): Promise<void>;
  close(): Promise<void>;
}

const randomSecret = () => randomBytes(32).toString('base64url');
const moduleUrlVariable = (module: string) => `MODULE_${module.toUpperCase()}_URL`;

/**
 * The development launcher: every process of SERVICES (dev/services.ts) in this one process,
 * each on its own port, through the same definition and configuration module a container runs,
 * from an environment composed here: development values (fresh keys and secrets at each start,
 * so none is ever a documented one), the caller's variables over them, and each service's
 * neighbours' addresses once they listen. `npm start` runs it on fixed ports; tests on port 0.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const host = options.host ?? '127.0.0.1';
  const { privateKey, publicKey } = options.tokenKeys ?? (await generateKeyPair('ES256', { extractable: true }));
  const given = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const values: Record<string, string> = {
    PLATFORM_ENV: 'development',
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'development', alg: 'ES256' }),
    INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify({ ...(await exportJWK(publicKey)), kid: 'development', alg: 'ES256' }),
    PERSON_ID_KEY: randomSecret(),
    DECLARATION_ENCRYPTION_KEY: randomSecret(),
    MODULE_PSEUDONYM_SECRET: randomSecret(),
    FC_CLIENT_SECRET: randomSecret(),
    ...Object.fromEntries(AGENCY_NAMES.map((agency) => [`${AGENCY_ENV_PREFIX[agency]}_API_KEY`, randomSecret()])),
    ...Object.fromEntries(['AGENCY_HOST', 'SUBGRAPH_HOST', 'WORKER_HOST', 'MODULE_HOST', 'FC_HOST', 'GATEWAY_HOST'].map((variable) => [variable, host])),
  };
  // What a service reads: the development values, its neighbours' addresses, then the caller's variables.
  const environmentOf = (wiring: Record<string, string>) => ({ ...values, ...wiring, ...given });

  const running = new Map<string, RunningService>();
  const developmentDefaults: Record<string, string[]> = {};
  const moduleUrls: Record<string, string> = {};
  let smtpCatcher: SmtpCatcher | undefined;
  const closeAll = async () => {
    for (const service of [...extraInstances, ...running.values()].reverse()) await service.close();
    running.clear();
    await smtpCatcher?.close();
  };
  const start = async (definition: ServiceDefinition, environment: Record<string, string>) => {
    const config = definition.readConfig(environment);
    if (config.developmentDefaults.length > 0) developmentDefaults[definition.name] = config.developmentDefaults;
    const clock = (definition.name === 'identity' ? options.consentClock : undefined) ?? options.now ?? (() => new Date());
    // The defaults each service falls back on are said once, together, by whoever launched them.
    const service = await definition.start(config, {
      logger: createLogger({ service: definition.name, level: options.logs ? (options.logs.level ?? 'info') : 'silent', destination: options.logs?.destination }),
      lifecycle: new Lifecycle(),
      processMetrics: false,
      clock,
    });
    return service;
  };
  const urlOf = (name: string) => running.get(name)?.url;
  /** The addresses of the neighbours a service calls, among those running. */
  const wiringOf = (name: string, role: ServiceRole): Record<string, string> => {
    if (role === 'subgraph' && name in AGENCY_SUBGRAPH_ENV) {
      const { agency, agencyPrefix } = AGENCY_SUBGRAPH_ENV[name as keyof typeof AGENCY_SUBGRAPH_ENV];
      return definedOnly({ [`${agencyPrefix}_URL`]: urlOf(agency) });
    }
    const subgraphUrls = Object.fromEntries(subgraphNames().map((subgraph) => [`${subgraph.toUpperCase()}_SUBGRAPH_URL`, urlOf(subgraph) && `${urlOf(subgraph)}/graphql`]));
    if (role === 'worker') {
      return definedOnly({
        ...subgraphUrls,
        GATEWAY_URL: urlOf('gateway'),
        FC_ISSUER: (running.get('franceconnect') as RunningProvider | undefined)?.issuer,
        SMTP_URL: smtpCatcher?.smtpUrl,
      });
    }
    if (role !== 'gateway') return {};
    return definedOnly({
      FC_ISSUER: (running.get('franceconnect') as RunningProvider | undefined)?.issuer,
      ...subgraphUrls,
      ...Object.fromEntries(Object.entries(moduleUrls).map(([module, url]) => [moduleUrlVariable(module), url])),
    });
  };

  let gatewayEnvironment: Record<string, string> = {};
  let workerEnvironment: Record<string, string> = {};
  const extraInstances: RunningService[] = [];
  try {
    for (const { definition, role } of SERVICES.filter((service) => (options.roles ?? ALL_ROLES).includes(service.role))) {
      const name = definition.name;
      // A module the caller runs elsewhere, and gave the address of, is not started here.
      if (role === 'module' && given[moduleUrlVariable(name)]) {
        moduleUrls[name] = given[moduleUrlVariable(name)]!;
        continue;
      }
      if (role === 'provider') values.GATEWAY_PUBLIC_URL = given.GATEWAY_PUBLIC_URL ?? (await gatewayPublicUrl(given, host));
      // What citizens would receive stays on this machine, on a page anyone can read.
      if (role === 'worker' && !given.SMTP_URL) {
        smtpCatcher = await startSmtpCatcher({ host, smtpPort: Number(given.SMTP_CATCHER_PORT ?? 0), webPort: Number(given.SMTP_CATCHER_WEB_PORT ?? 0) });
      }
      const environment = environmentOf(wiringOf(name, role));
      if (role === 'gateway') gatewayEnvironment = environment;
      if (role === 'worker') workerEnvironment = environment;
      const service = await start(definition, environment);
      running.set(name, service);
      if (role === 'module') moduleUrls[name] = `${service.url}/graphql`;
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  // What was started (the bench starts some roles only): the rest is empty.
  const provider = running.get('franceconnect') as RunningProvider | undefined;
  const started = <R>(names: readonly string[], value: (service: R) => string) =>
    Object.fromEntries(names.filter((name) => running.has(name)).map((name) => [name, value(running.get(name) as R)]));
  return {
    gatewayUrl: (gatewayEnvironment.GATEWAY_PUBLIC_URL ?? '').replace(/\/+$/, ''),
    listeningUrls: started(SERVICES.map((s) => s.definition.name), (service: RunningService) => service.url),
    providerUrl: provider?.issuer ?? '',
    subgraphUrls: started(subgraphNames(), (service: RunningService) => `${service.url}/graphql`),
    agencyUrls: started(AGENCY_NAMES, (service: RunningService) => service.url) as Record<AgencyName, string>,
    agencies: {
      instances: Object.fromEntries(
        AGENCY_NAMES.filter((agency) => running.has(agency)).map((agency) => [agency, (running.get(agency) as RunningAgency).server]),
      ) as Record<AgencyName, AgencyServer>,
    },
    moduleUrls,
    personIdKey: environmentOf({}).PERSON_ID_KEY!,
    tokenPublicKey: publicKey,
    database: (running.get('identity') as RunningIdentity | undefined)?.database as Database,
    thirdParties: await loadThirdParties(),
    worker: running.get('worker') as RunningWorker | undefined,
    smtpCatcher,
    developmentDefaults,
    addGatewayInstance: async () => {
      const instance = await start(gatewayService, { ...gatewayEnvironment, GATEWAY_PORT: '0' });
      extraInstances.push(instance);
      return instance.url;
    },
    addWorkerInstance: async () => {
      const instance = (await start(workerService, { ...workerEnvironment, WORKER_PORT: '0' })) as RunningWorker;
      extraInstances.push(instance);
      return instance;
    },
    stop: async (name) => {
      await running.get(name)?.close();
      running.delete(name);
    },
    close: closeAll,
  };
}

const ALL_ROLES: readonly ServiceRole[] = ['agency', 'subgraph', 'module', 'provider', 'gateway', 'worker'];

const definedOnly = (values: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));

const subgraphNames = () => SERVICES.filter((s) => s.role === 'subgraph').map((s) => s.definition.name);

/**
 * The gateway's public URL must be known before it listens: the provider registers its redirect
 * URIs. On port 0 a free port is taken for it now, in place of the 0 it was given; on a fixed
 * port it is `localhost`, as the browsers of `npm start` use it.
 */
async function gatewayPublicUrl(given: Record<string, string>, host: string): Promise<string> {
  const port = Number(given.GATEWAY_PORT ?? 4000);
  if (port !== 0) return `http://localhost:${port}`;
  given.GATEWAY_PORT = String(await freePort(host));
  return `http://${host.includes(':') ? `[${host}]` : host}:${given.GATEWAY_PORT}`;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no TCP port'))));
    });
  });
}
