// The production topology of docker-compose.yml, run here as plain processes: compiled code
// (`npm run build`), each image's production dependencies installed as its Dockerfile stage
// installs them, every Node service as its own `node dist/…` process with the environment
// compose gives it, the real Redis and PostgreSQL, and Debian's nginx with docker/nginx.conf.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { dropSchema } from '../support/database.ts';
import { ROOT } from '../support/processes.ts';
import { parseDotenv, readCompose, readImageEnv, type ComposeService } from './compose.ts';

/** The names docker-compose.yml is given here (PUBLIC_HOSTNAME, PROVIDER_HOSTNAME): .ci/run maps them to 127.0.0.1. */
export const HOSTNAMES = { public: 'compte.test', provider: 'franceconnect.test' } as const;

export const ARTIFACTS = join(ROOT, 'test-artifacts/deployed');

/** What each image's Dockerfile stage installs: `npm ci` with these omissions. */
export const IMAGE_DEPENDENCIES = { platform: ['dev', 'optional'], mocks: ['dev'] } as const;
export type Image = keyof typeof IMAGE_DEPENDENCIES;

const imageOf = (service: ComposeService): Image | undefined =>
  service.image?.startsWith('compte-des-comptes/platform') ? 'platform' : service.image?.startsWith('compte-des-comptes/mocks') ? 'mocks' : undefined;

/** Fails at once, saying what to do, when the names the certificates carry do not lead here. */
export async function checkHostnames(): Promise<void> {
  for (const name of Object.values(HOSTNAMES)) {
    const address = await lookup(name, { family: 4 }).catch(() => undefined);
    if (address?.address !== '127.0.0.1') {
      throw new Error(
        `${name} must resolve to 127.0.0.1 for the production topology (production refuses localhost): ` +
          `add "127.0.0.1 ${Object.values(HOSTNAMES).join(' ')}" to /etc/hosts (.ci/run does).`,
      );
    }
  }
}

/** `npm run build`, then each image's folder: its production node_modules (kept while the lockfile is the same) and its dist/. */
export async function prepareImages(): Promise<void> {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const lock = await readFile(join(ROOT, 'package-lock.json'));
  for (const [image, omit] of Object.entries(IMAGE_DEPENDENCIES)) {
    const dir = join(ARTIFACTS, image);
    const stamp = createHash('sha256').update(lock).update(omit.join()).digest('hex');
    const stampFile = join(dir, '.installed');
    if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await cp(join(ROOT, 'package.json'), join(dir, 'package.json'));
      await cp(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
      execFileSync('npm', ['ci', ...omit.map((o) => `--omit=${o}`), '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
      await writeFile(stampFile, stamp);
    }
    await rm(join(dir, 'dist'), { recursive: true, force: true });
    await cp(join(ROOT, 'dist', image), join(dir, 'dist'), { recursive: true });
  }
}

/** What `npm run -s secrets` prints, as a deployment appends it to `.env`. */
export function generateSecrets(): Record<string, string> {
  const printed = execFileSync('npm', ['run', '-s', 'secrets'], { cwd: ROOT, encoding: 'utf8' });
  return parseDotenv(printed);
}

/**
 * A port for a service to listen on, chosen before it starts. Below Linux's ephemeral range
 * (32768–60999), which the kernel hands to outgoing connections and to listen(0): a port taken
 * from there could be given to some client's connection before the service binds it.
 */
const LISTEN_PORTS = { from: 20_000, to: 32_767 } as const;
const chosenPorts = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LISTEN_PORTS.from + Math.floor(Math.random() * (LISTEN_PORTS.to - LISTEN_PORTS.from + 1));
    if (chosenPorts.has(port) || !(await canListen(port))) continue;
    chosenPorts.add(port);
    return port;
  }
  throw new Error(`no free port between ${LISTEN_PORTS.from} and ${LISTEN_PORTS.to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export interface RunningProcess {
  service: ComposeService;
  child: ChildProcess;
  /** From spawn to its healthcheck passing. */
  readyMs: number;
  /** Where the service listens, by its port in the container. */
  ports: Record<string, number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  logFile: string;
}

export interface Topology {
  /** GATEWAY_PUBLIC_URL: nginx, TLS. */
  publicUrl: string;
  /** The mock provider's issuer, through nginx. */
  providerIssuer: string;
  /** Connects with the trial certificate authority trusted. */
  dispatcher: Agent;
  /** The services as compose describes them, interpolated and mapped. */
  services: Map<string, ComposeService>;
  processes: Map<string, RunningProcess>;
  /** The environment a service gets here, given a compose service (mapped). */
  environmentOf(service: ComposeService): Record<string, string>;
  /** The directory a service's image runs from. */
  imageDir(service: ComposeService): string;
  /** Starts a stopped service again, as its restart policy would. */
  restart(name: string): Promise<RunningProcess>;
  close(): Promise<void>;
}

/** Every service process started here: however this process ends, none is left behind. */
const spawned = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of spawned) child.kill('SIGKILL');
});

/** docker-compose.yml's Node services started as processes (startServices), without the load balancer. */
export interface Services {
  /** The services as compose describes them, interpolated and mapped. */
  services: Map<string, ComposeService>;
  processes: Map<string, RunningProcess>;
  /** Each container port's loopback port, by `service:port`. */
  hostPorts: Map<string, number>;
  /** A container's view of an address (a URL in compose's environment), as seen from this machine. */
  mapValue(value: string): string;
  /** The environment a service gets here, given a compose service (mapped), with the caller's overrides. */
  environmentOf(service: ComposeService): Record<string, string>;
  /** The directory a service's image runs from. */
  imageDir(service: ComposeService): string;
  /** Starts a service (again, as its restart policy would), waited for by its healthcheck. */
  start(name: string): Promise<RunningProcess>;
  /** Stops one service (SIGKILL, as `docker kill` would). */
  stop(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface ServicesOptions {
  redisUrl: string;
  /** PostgreSQL (a schema of the run's own, dropped at close); none: the caller's overrides say what stands in. */
  databaseUrl: string | undefined;
  /** Which of compose's Node services to start (all by default), in compose's dependency order. */
  only?: ReadonlySet<string>;
  /** Mounted folders, by the source compose names (`./docker/tls`). */
  volumes?: ReadonlyMap<string, string>;
  /** Departures from compose's environment, said by the caller (the bench's, bench/README.md). */
  overrides?: (
    service: ComposeService,
    environment: Record<string, string>,
    /** The loopback port of another service's container port. */
    portOf: (service: string, containerPort: string) => number | undefined,
  ) => Record<string, string | undefined>;
  /** Where each service's output goes, one file per service. */
  logDir?: string;
  /** Node flags added before a service's own (`--cpu-prof …`), which NODE_OPTIONS may not carry. */
  nodeFlags?: (service: ComposeService) => string[];
  /** How services are stopped: SIGKILL (`docker kill`) by default; SIGTERM lets them drain and exit (a `--cpu-prof` profile is written then). */
  stopSignal?: NodeJS.Signals;
}

/**
 * Starts docker-compose.yml's Node services here, in dependency order, each waited for by its own
 * healthcheck, every container port on a free loopback port. `dotenv` is what `.env` would hold.
 */
export async function startServices(dotenv: Record<string, string>, options: ServicesOptions): Promise<Services> {
  const env = { ...dotenv, PUBLIC_HOSTNAME: HOSTNAMES.public, PROVIDER_HOSTNAME: HOSTNAMES.provider };
  const composed = readCompose(env);
  const services = new Map(composed.map((service) => [service.name, service]));
  const loadBalancer = composed.find((service) => service.image?.includes('nginx'))!;

  // Every container port, of every service, gets a loopback port of its own.
  const hostPorts = new Map<string, number>();
  for (const service of composed) {
    const containerPorts = [
      ...Object.entries(service.environment).filter(([key]) => key.endsWith('_PORT')).map(([, value]) => value),
      ...service.ports.map((mapping) => mapping.split(':').at(-1)!),
      ...(service === loadBalancer ? ['8080'] : []),
    ];
    for (const port of containerPorts) hostPorts.set(`${service.name}:${port}`, await freePort());
  }
  const schema = `deployed_${randomBytes(4).toString('hex')}`;
  const volumes = options.volumes ?? new Map<string, string>();
  const logDir = options.logDir ?? join(ARTIFACTS, 'logs');

  const mapValue = (value: string): string => {
    let mapped = value;
    if (/^redis:\/\/redis:\d+/.test(mapped)) return options.redisUrl;
    if (options.databaseUrl && /^postgres:\/\/[^@]*@postgres:\d+\//.test(mapped)) return options.databaseUrl;
    for (const [address, port] of hostPorts) {
      const [service, containerPort] = address.split(':');
      mapped = mapped.replaceAll(`//${service}:${containerPort}`, `//127.0.0.1:${port}`);
      for (const alias of services.get(service!)!.aliases) mapped = mapped.replaceAll(`//${alias}:${containerPort}`, `//${alias}:${port}`);
    }
    if (loadBalancer.address && mapped === loadBalancer.address) return '127.0.0.1';
    for (const service of composed) {
      for (const volume of service.volumes) {
        const [source, target] = volume.split(':');
        if (volumes.has(source!) && mapped.startsWith(target!)) mapped = volumes.get(source!)! + mapped.slice(target!.length);
      }
    }
    return mapped;
  };
  const imageEnv = Object.fromEntries(Object.keys(IMAGE_DEPENDENCIES).map((image) => [image, readImageEnv(image)]));
  const environmentOf = (service: ComposeService): Record<string, string> => {
    // The image's own ENV first (NODE_ENV=production…), then compose's, which wins as in Docker.
    const environment: Record<string, string> = { PATH: process.env.PATH ?? '', ...imageEnv[imageOf(service)!] };
    for (const [key, value] of Object.entries(service.environment)) {
      if (key.endsWith('_HOST') && value === '0.0.0.0') environment[key] = '127.0.0.1';
      else if (key.endsWith('_PORT')) environment[key] = String(hostPorts.get(`${service.name}:${value}`));
      // The one departure: a schema of this run's own in the shared test database, dropped after.
      else if (key === 'DATABASE_SCHEMA') environment[key] = schema;
      else environment[key] = mapValue(value);
    }
    for (const [key, value] of Object.entries(options.overrides?.(service, environment, (name, port) => hostPorts.get(`${name}:${port}`)) ?? {})) {
      if (value === undefined) delete environment[key];
      else environment[key] = value;
    }
    return environment;
  };
  const imageDir = (service: ComposeService) => join(ARTIFACTS, imageOf(service)!);

  await rm(logDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  const processes = new Map<string, RunningProcess>();

  const start = async (name: string): Promise<RunningProcess> => {
    const service = services.get(name)!;
    const [node, ...args] = service.command!;
    const logFile = join(logDir, `${service.name}.log`);
    // The process writes its output to the file itself, as a container's goes to its log driver:
    // piped through this process, a busy test or bench would hold up the service's synchronous writes.
    const log = openSync(logFile, 'a');
    const started = performance.now();
    const flags = node === 'node' ? (options.nodeFlags?.(service) ?? []) : [];
    const child = spawn(node === 'node' ? process.execPath : node!, [...flags, ...args], { cwd: imageDir(service), env: environmentOf(service), stdio: ['ignore', log, log] });
    closeSync(log);
    spawned.add(child);
    void once(child, 'close').then(() => spawned.delete(child));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('close', (code, signal) => resolve({ code, signal })),
    );
    let done = false;
    void exited.then(() => (done = true));
    const [, healthNode, script, url] = service.healthcheck!;
    // The container probes itself on its own port: here, that port is this process's.
    const probe = url!.replace(/\/\/127\.0\.0\.1:(\d+)/, (_, port: string) => `//127.0.0.1:${hostPorts.get(`${service.name}:${port}`)}`);
    // Polled here every 20 ms, as the healthcheck script asks it; then the script itself, once.
    while (!(await fetch(probe).then((response) => response.ok, () => false))) {
      if (done) throw new Error(`${service.name} exited before it was healthy: see ${logFile}`);
      await sleep(20);
    }
    const readyMs = Math.round(performance.now() - started);
    const check = spawnSync(healthNode === 'node' ? process.execPath : healthNode!, [script!, probe], { cwd: imageDir(service) });
    if (check.status !== 0) throw new Error(`${service.name}: its healthcheck (${service.healthcheck!.join(' ')}) failed although ${probe} answers`);
    const running: RunningProcess = {
      service,
      child,
      readyMs,
      ports: Object.fromEntries([...hostPorts].filter(([key]) => key.startsWith(`${service.name}:`)).map(([key, port]) => [key.split(':')[1]!, port])),
      exited,
      logFile,
    };
    processes.set(service.name, running);
    return running;
  };
  const stop = async (name: string) => {
    const running = processes.get(name);
    if (!running) return;
    processes.delete(name);
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(options.stopSignal ?? 'SIGKILL');
    await running.exited;
  };
  const close = async () => {
    await Promise.all([...processes.keys()].map(stop));
    if (options.databaseUrl) {
      await dropSchema(options.databaseUrl, schema);
      await dropSchema(options.databaseUrl, `${schema}_jobs`);
    }
  };

  try {
    // In the order compose would (a container once those it depends on are healthy), but one at
    // a time, so that each one's time to ready is its own and not the machine's two cores shared
    // by twelve. Redis and PostgreSQL are the machine's own servers, already running.
    const wanted = composed.filter((s) => imageOf(s) && (options.only?.has(s.name) ?? true));
    const external = new Set(composed.filter((s) => !wanted.includes(s)).map((s) => s.name));
    const pending = [...wanted];
    while (pending.length > 0) {
      const next = pending.find((s) => s.dependsOn.every((d) => external.has(d) || processes.has(d)));
      if (!next) throw new Error(`cannot start ${pending.map((s) => s.name).join(', ')}: their dependencies never start`);
      await start(next.name);
      pending.splice(pending.indexOf(next), 1);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { services, processes, hostPorts, mapValue, environmentOf, imageDir, start, stop, close };
}

/**
 * Starts docker-compose.yml's services here, in dependency order and in parallel where compose
 * would, each waited for by its own healthcheck, then nginx. `dotenv` is what `.env` would hold.
 */
export async function startTopology(dotenv: Record<string, string>, options: { redisUrl: string; databaseUrl: string }): Promise<Topology> {
  const tls = join(ARTIFACTS, 'tls');
  execFileSync(join(ROOT, 'docker/generate-trial-tls.sh'), [HOSTNAMES.public, HOSTNAMES.provider, tls], { stdio: 'pipe' });
  const started = await startServices(dotenv, { ...options, volumes: new Map([['./docker/tls', tls]]) });
  const loadBalancer = [...started.services.values()].find((service) => service.image?.includes('nginx'))!;
  let nginx: ChildProcess | undefined;
  const close = async () => {
    nginx?.kill('SIGTERM');
    await started.close();
  };
  try {
    nginx = await startNginx(loadBalancer, started.hostPorts, tls);
  } catch (error) {
    await started.close();
    throw error;
  }
  const publicUrl = started.processes.get('gateway-1')!.service.environment.GATEWAY_PUBLIC_URL!;
  return {
    publicUrl: started.mapValue(publicUrl),
    providerIssuer: started.mapValue(started.processes.get('franceconnect')!.service.environment.FC_ISSUER!),
    dispatcher: new Agent({ connect: { ca: readFileSync(join(tls, 'ca.pem'), 'utf8') } }),
    services: started.services,
    processes: started.processes,
    environmentOf: started.environmentOf,
    imageDir: started.imageDir,
    restart: started.start,
    close,
  };
}

/** Debian's nginx with docker/nginx.conf, its upstreams and listeners mapped to this machine's ports. */
async function startNginx(loadBalancer: ComposeService, hostPorts: Map<string, number>, tls: string): Promise<ChildProcess> {
  const dir = join(ARTIFACTS, 'nginx');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'temp'), { recursive: true });
  const confVolume = loadBalancer.volumes.find((volume) => volume.includes('nginx.conf'))!.split(':')[0]!;
  let site = await readFile(join(ROOT, confVolume), 'utf8');
  for (const [address, port] of hostPorts) site = site.replaceAll(`server ${address}`, `server 127.0.0.1:${port}`);
  site = site.replace(/listen (\d+)/g, (_, port: string) => `listen 127.0.0.1:${hostPorts.get(`${loadBalancer.name}:${port}`)}`);
  site = site.replaceAll('/etc/nginx/tls/', `${tls}/`);
  await writeFile(join(dir, 'site.conf'), site);
  await writeFile(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'master_process off;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 512; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/temp/${kind};`),
      `  include ${dir}/site.conf;`,
      '}',
    ].join('\n'),
  );
  await chmod(dir, 0o755);
  const child = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const health = `http://127.0.0.1:${hostPorts.get(`${loadBalancer.name}:8080`)}/nginx-health`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const ok = await fetch(health).then((r) => r.ok, () => false);
    if (ok) return child;
    await sleep(100);
  }
  throw new Error(`nginx never answered ${health}: ${stderr}`);
}

