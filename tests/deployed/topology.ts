// The production topology of docker-compose.yml, run here as plain processes: compiled code
// (`npm run build`), each image's production dependencies installed as its Dockerfile stage
// installs them, every Node service as its own `node dist/…` process with the environment
// compose gives it, the real Redis and PostgreSQL, and Debian's nginx with docker/nginx.conf.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { dropSchema } from '../support/database.ts';
import { ROOT } from '../support/processes.ts';
import { parseDotenv, readCompose, type ComposeService } from './compose.ts';

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

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
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

/**
 * Starts docker-compose.yml's services here, in dependency order and in parallel where compose
 * would, each waited for by its own healthcheck. `dotenv` is what `.env` would hold.
 */
export async function startTopology(dotenv: Record<string, string>, options: { redisUrl: string; databaseUrl: string }): Promise<Topology> {
  const tls = join(ARTIFACTS, 'tls');
  execFileSync(join(ROOT, 'docker/generate-trial-tls.sh'), [HOSTNAMES.public, HOSTNAMES.provider, tls], { stdio: 'pipe' });
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
  const volumes = new Map([['./docker/tls', tls]]);

  /** A container's view of an address, as seen from this machine. */
  const mapValue = (value: string): string => {
    let mapped = value;
    if (/^redis:\/\/redis:\d+/.test(mapped)) return options.redisUrl;
    if (/^postgres:\/\/[^@]*@postgres:\d+\//.test(mapped)) return options.databaseUrl;
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
  const environmentOf = (service: ComposeService): Record<string, string> => {
    const environment: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [key, value] of Object.entries(service.environment)) {
      if (key.endsWith('_HOST') && value === '0.0.0.0') environment[key] = '127.0.0.1';
      else if (key.endsWith('_PORT')) environment[key] = String(hostPorts.get(`${service.name}:${value}`));
      // The one departure: a schema of this run's own in the shared test database, dropped after.
      else if (key === 'DATABASE_SCHEMA') environment[key] = schema;
      else environment[key] = mapValue(value);
    }
    return environment;
  };
  const imageDir = (service: ComposeService) => join(ARTIFACTS, imageOf(service)!);

  await rm(join(ARTIFACTS, 'logs'), { recursive: true, force: true });
  await mkdir(join(ARTIFACTS, 'logs'), { recursive: true });
  const processes = new Map<string, RunningProcess>();
  let nginx: ChildProcess | undefined;

  const start = async (service: ComposeService): Promise<RunningProcess> => {
    const [node, ...args] = service.command!;
    const logFile = join(ARTIFACTS, 'logs', `${service.name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const started = performance.now();
    const child = spawn(node === 'node' ? process.execPath : node!, args, { cwd: imageDir(service), env: environmentOf(service), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('close', (code, signal) => {
        log.end();
        resolve({ code, signal });
      }),
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

  const close = async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(
      [...processes.values()].map(async ({ child, exited }) => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      }),
    );
    await dropSchema(options.databaseUrl, schema);
    await dropSchema(options.databaseUrl, `${schema}_jobs`);
  };

  try {
    // In the order compose would (a container once those it depends on are healthy), but one at
    // a time, so that each one's time to ready is its own and not the machine's two cores shared
    // by twelve. Redis and PostgreSQL are the machine's own servers, already running.
    const external = new Set(composed.filter((s) => !imageOf(s) && s !== loadBalancer).map((s) => s.name));
    const pending = composed.filter((s) => imageOf(s));
    while (pending.length > 0) {
      const next = pending.find((s) => s.dependsOn.every((d) => external.has(d) || processes.has(d)));
      if (!next) throw new Error(`cannot start ${pending.map((s) => s.name).join(', ')}: their dependencies never start`);
      await start(next);
      pending.splice(pending.indexOf(next), 1);
    }
    nginx = await startNginx(loadBalancer, hostPorts, tls);
  } catch (error) {
    await close();
    throw error;
  }

  const publicUrl = processes.get('gateway-1')!.service.environment.GATEWAY_PUBLIC_URL!;
  return {
    publicUrl: mapValue(publicUrl),
    providerIssuer: mapValue(processes.get('franceconnect')!.service.environment.FC_ISSUER!),
    dispatcher: new Agent({ connect: { ca: readFileSync(join(tls, 'ca.pem'), 'utf8') } }),
    services,
    processes,
    environmentOf,
    imageDir,
    restart: (name) => start(services.get(name)!),
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

