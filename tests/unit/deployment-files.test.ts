import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { MANIFEST_PATH } from '../../operations/collect.ts';
import { parse } from 'yaml';
import { LAUNCHER_VARIABLES, reads, SERVICES, variablesOf } from '../../dev/services.ts';
import { ROOT } from '../support/processes.ts';
import { dockerfileStage, readImageEnv } from '../deployed/compose.ts';
import { PLATFORM_ENTRIES } from '../../scripts/bundle.ts';

// No Docker engine runs here: these tests read docker-compose.yml, the Dockerfile and
// .env.example themselves, against what the code reads (dev/services.ts, which takes each
// process's variables from its configuration module).

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const composeText = read('docker-compose.yml');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, unknown>;
  healthcheck?: { test?: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  user?: string;
  networks?: Record<string, { ipv4_address?: string } | null>;
}
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
/** Our two images, by the build target that makes each. */
const IMAGES = { platform: 'compte-des-comptes/platform:local', mocks: 'compte-des-comptes/mocks:local' } as const;
const ours = services.filter(([, service]) => Object.values(IMAGES).includes(service.image as never));

/** `node [--flags] dist/gateway/src/server.js` → `gateway/src/server.ts`. */
function sourceOf(command: readonly string[] | undefined): string {
  const [node, ...rest] = command ?? [];
  const script = rest.find((arg) => !arg.startsWith('--'));
  expect(node).toBe('node');
  const match = /^dist\/(.+)\.js$/.exec(script ?? '');
  if (!match) throw new Error(`not a compiled entry point: ${script}`);
  return `${match[1]}.ts`;
}

function processOf(name: string, service: Service) {
  const entry = sourceOf(service.command);
  const found = SERVICES.find((s) => s.entry === entry);
  if (!found) throw new Error(`${name} runs ${entry}, which is not a known process entry point`);
  return found;
}

const envExample = read('.env.example');
const documented = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
const interpolated = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
const readByCode = new Set(SERVICES.flatMap(variablesOf));

describe('docker-compose.yml', () => {
  it('parses, and runs every process of the platform in its own container, with two gateways, the worker, nginx, Redis and PostgreSQL', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'load-balancer',
        'gateway-1',
        'gateway-2',
        'identity',
        'training',
        'retirement',
        'family',
        'employment',
        'account',
        'worker',
        'orientation',
        'offres',
        'franceconnect',
        'cpf',
        'rgcu',
        'caf',
        'france-travail',
        'redis',
        'postgres',
      ].sort(),
    );
    const running = ours.map(([name, service]) => processOf(name, service).definition.name);
    for (const { definition } of SERVICES) expect(running).toContain(definition.name);
    expect(running.filter((name) => name === 'gateway')).toHaveLength(2);
    expect(compose.services['redis']?.image).toMatch(/^redis:/);
    expect(compose.services['postgres']?.image).toMatch(/^postgres:/);
    expect(compose.services['load-balancer']?.image).toMatch(/nginx/);
  });

  it('runs each process from the image that ships it: the platform’s own, or the mocks’', () => {
    for (const [name, service] of ours) {
      const { image } = processOf(name, service);
      expect([name, service.image, (service.build as { target?: string } | undefined)?.target]).toEqual([name, IMAGES[image], image]);
    }
  });

  it('runs commands that exist in the repository (compiled from these sources by the image build)', () => {
    for (const [name, service] of ours) {
      const entry = sourceOf(service.command);
      expect([name, existsSync(join(ROOT, entry))]).toEqual([name, true]);
    }
  });

  it('gives every container a healthcheck, and ours check their own port with a script that exists', () => {
    for (const [name, service] of services) expect([name, (service.healthcheck?.test?.length ?? 0) > 1]).toEqual([name, true]);
    for (const [name, service] of ours) {
      const [cmd, node, script, url] = service.healthcheck!.test!;
      expect([cmd, node]).toEqual(['CMD', 'node']);
      expect(existsSync(join(ROOT, sourceOf([node!, script!])))).toBe(true);
      const port = new URL(url!).port;
      const env = service.environment ?? {};
      const ports = Object.entries(env).filter(([key]) => key.endsWith('_PORT')).map(([, value]) => String(value));
      expect([name, ports]).toEqual([name, [port]]);
    }
  });

  it('sets only environment variables that the process reads', () => {
    for (const [name, service] of ours) {
      const entry = processOf(name, service);
      const unread = Object.keys(service.environment ?? {}).filter((variable) => !reads(entry, variable));
      expect([name, unread]).toEqual([name, []]);
    }
  });

  it('puts nginx in front of both gateways and the provider, with probes and metrics kept off the public entry', () => {
    const lb = compose.services['load-balancer']!;
    const mount = lb.volumes?.find((volume) => volume.includes('nginx.conf'))?.split(':')[0];
    const conf = read(mount!.replace(/^\.\//, ''));
    const gateways = ours.filter(([, s]) => sourceOf(s.command) === 'gateway/src/server.ts').map(([name]) => name);
    for (const gateway of gateways) expect(conf).toContain(`server ${gateway}:4000`);
    expect(conf).toContain('location ~ ^/(metrics|healthz|readyz|health)$ {\n    return 404;');
    expect(Object.keys(lb.depends_on ?? {}).sort()).toEqual([...gateways, 'franceconnect'].sort());
  });

  it('has the gateways trust the load balancer’s address, which forwards the client’s and the Host with its port', () => {
    const lb = compose.services['load-balancer']!;
    const address = lb.networks?.['default']?.ipv4_address;
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const [name, service] of ours.filter(([, s]) => sourceOf(s.command) === 'gateway/src/server.ts')) {
      expect([name, service.environment?.['GATEWAY_TRUSTED_PROXIES']]).toEqual([name, address]);
    }
    const conf = read('docker/nginx.conf');
    expect(conf).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(conf).toContain('proxy_set_header Host $http_host;');
  });

  it('shares one Redis between the gateways and keeps every secret out of the file', () => {
    for (const [, service] of ours.filter(([, s]) => sourceOf(s.command) === 'gateway/src/server.ts')) {
      expect(service.environment?.['REDIS_URL']).toBe('redis://redis:6379');
    }
    for (const secret of ['INTERNAL_TOKEN_PRIVATE_JWK', 'INTERNAL_TOKEN_PUBLIC_JWK', 'PERSON_ID_KEY', 'MODULE_PSEUDONYM_SECRET', 'FC_CLIENT_SECRET', 'CPF_API_KEY', 'POSTGRES_PASSWORD']) {
      expect(composeText).toMatch(new RegExp(`${secret}: \\$\\{${secret}:\\?`));
    }
  });

  // `docker compose config` validates without an engine, but only where the client has the
  // compose plugin (this machine's has not): the test shows as skipped there, the checks above stand.
  const composeCli = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  (composeCli ? it : it.skip)('is accepted by `docker compose config` (needs the docker compose plugin)', () => {
    const env = Object.fromEntries([...interpolated].map((name) => [name, name.endsWith('_JWK') ? '{}' : 'x'.repeat(32)]));
    const result = spawnSync('docker', ['compose', '-f', 'docker-compose.yml', 'config', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    expect([result.status, result.stderr]).toEqual([0, '']);
  });
});

describe('.env.example', () => {
  it('documents every variable any process reads', () => {
    expect([...readByCode].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });

  it('documents only variables that are read, by a process, the development launcher or docker-compose.yml', () => {
    const readBySome = (name: string) =>
      readByCode.has(name) || SERVICES.some((entry) => reads(entry, name)) || (LAUNCHER_VARIABLES as readonly string[]).includes(name);
    expect([...documented].filter((name) => !readBySome(name) && !interpolated.has(name)).sort()).toEqual([]);
  });

  it('documents every variable docker-compose.yml takes from the environment', () => {
    expect([...interpolated].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const tsconfig = (file: string) => JSON.parse(read(file).replace(/^\s*\/\/.*$/gm, '')) as { include: string[]; exclude?: string[]; compilerOptions: Record<string, unknown> };

  it('builds two runtimes, each with its own production dependencies and compiled code, run by a non-root user', () => {
    expect(dockerfileStage('platform-deps')).toMatch(/npm ci --omit=dev --omit=optional/);
    expect(dockerfileStage('mocks-deps')).toMatch(/npm ci --omit=dev /);
    expect(dockerfileStage('build')).toMatch(/RUN npm run build$/m);
    for (const [image, deps] of [['platform', 'platform-deps'], ['mocks', 'mocks-deps']] as const) {
      const runtime = dockerfileStage(image);
      expect([image, /^USER node$/m.test(runtime), /^USER root/m.test(runtime)]).toEqual([image, true, false]);
      expect(runtime).toContain(`COPY --from=${deps} /app/node_modules ./node_modules`);
      expect(runtime).toContain(`COPY --from=build /app/dist/${image} ./dist`);
      expect(runtime).not.toMatch(/tsx/);
    }
    expect(dockerfileStage('platform')).toMatch(/CMD \["node", "dist\/gateway\/src\/server\.js"\]/);
  });

  it('bundles every process the platform image runs, one file per entry point (scripts/bundle.ts)', () => {
    const platformEntries = ours.filter(([, service]) => service.image === IMAGES.platform).map(([, service]) => sourceOf(service.command).replace(/\.ts$/, '.js'));
    expect([...new Set(platformEntries)].sort()).toEqual([...PLATFORM_ENTRIES].sort());
  });

  it('runs both images in production mode with Apollo telemetry off, as the deployed suite and the bench read them', () => {
    const production = { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: 'true' };
    expect([readImageEnv('platform'), readImageEnv('mocks')]).toEqual([production, production]);
    expect(() => readImageEnv('build')).toThrow('Dockerfile: no ENV in a stage named build');
  });

  it('compiles each image’s entry points, and nothing of the mocks into the platform’s', () => {
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    // The resolver types are generated from the SDL first: the compiled code is typed by them.
    expect(pkg.scripts['build']).toBe('npm run build:web && npm run codegen && tsx scripts/build.ts');
    const platform = tsconfig('tsconfig.build.json');
    const mocks = tsconfig('tsconfig.mocks.json');
    expect([platform.compilerOptions['outDir'], mocks.compilerOptions['outDir']]).toEqual(['dist/platform', 'dist/mocks']);
    expect(platform.include.filter((dir) => ['mocks', 'modules', 'tests', 'bench', 'dev'].includes(dir))).toEqual([]);
    for (const [name, service] of ours) {
      const entry = sourceOf(service.command);
      const { include } = processOf(name, service).image === 'platform' ? platform : mocks;
      expect([entry, include.some((dir) => entry === dir || entry.startsWith(`${dir}/`))]).toEqual([entry, true]);
    }
  });

  it('copies into the build stage every folder the builds read, persisted operations and the web app included', () => {
    const folders = [...new Set([...tsconfig('tsconfig.build.json').include, ...tsconfig('tsconfig.mocks.json').include].map((dir) => dir.split('/')[0]!))];
    for (const dir of [...folders, 'config', 'web', 'scripts']) {
      expect([dir, new RegExp(`^COPY ${dir} \\./${dir}$`, 'm').test(dockerfileStage('build'))]).toEqual([dir, true]);
    }
    // The gateway reads the manifest at start (production runs only its operations).
    expect(tsconfig('tsconfig.build.json').include).toContain(relative(ROOT, dirname(MANIFEST_PATH)));
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;

  it('keeps out of the platform’s production dependencies what it never runs: loaders, bundlers, the web app’s sources, PGlite, the mock provider', () => {
    for (const name of ['tsx', 'vite', 'esbuild', 'rollup', '@electric-sql/pglite', '@gouvfr/dsfr', 'react', 'graphiql', 'oidc-provider', 'typescript']) {
      expect([name, pkg['dependencies']![name]]).toEqual([name, undefined]);
    }
    // The mocks' own, which only their image installs (npm ci --omit=optional leaves it out).
    expect(Object.keys(pkg['optionalDependencies']!)).toEqual(['oidc-provider']);
  });
});
