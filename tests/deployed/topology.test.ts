import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { loadThirdParties } from '../../common/third-parties.ts';
import { DEVELOPMENT_AGENCY_API_KEYS, DEVELOPMENT_DECLARATION_KEY, DEVELOPMENT_FC_CLIENT_SECRET } from '../../contract/development.ts';
import { DEMO_PASSWORD } from '../../mocks/population/personas.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../../dev/smtp-catcher.ts';
import { MANIFEST_PATH, type OperationManifest } from '../../operations/collect.ts';
import { Browser, signIn } from '../support/browser.ts';
import { ARTIFACTS, checkHostnames, generateSecrets, prepareImages, startTopology, type Topology } from './topology.ts';

// docker-compose.yml, run as operators run it: compiled, production dependencies only, each
// service its own process with compose's environment, two gateways behind nginx (TLS), the
// real Redis and PostgreSQL. Everything is reached as a browser or a partner would, through
// nginx, unless a check is about one instance.

const suiteStarted = performance.now();
let topology: Topology;
let manifest: OperationManifest;
let dotenv: Record<string, string>;
// The mail server the worker is given (an operator's own, in production).
let smtp: SmtpCatcher;

beforeAll(async () => {
  await checkHostnames();
  await prepareImages();
  smtp = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  dotenv = {
    ...generateSecrets(),
    SMTP_URL: smtp.smtpUrl,
    // What an operator's .env may set besides the secrets: a smaller population starts faster,
    // and a short drain keeps the SIGTERM check brief.
    POPULATION_SIZE: '2000',
    SHUTDOWN_DELAY_MS: '1500',
  };
  topology = await startTopology(dotenv, {
    redisUrl: `${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}`,
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  });
  manifest = JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as OperationManifest;
}, 300_000); // the build, two production installs and fifteen processes started one by one: 85 s on a quiet machine

afterAll(async () => {
  await topology?.close();
  await topology?.dispatcher.close();
  await smtp?.close();
});

const idOf = (name: string) => {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`${name} is not a persisted operation`);
  return operation.id;
};

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** A persisted operation, by its id, with a cookie or a bearer token, at a base URL (nginx by default). */
async function persisted(name: string, options: { cookie?: string; bearer?: string; variables?: unknown; base?: string } = {}): Promise<Answer> {
  const base = options.base ?? topology.publicUrl;
  const response = await request(`${base}/graphql`, {
    method: 'POST',
    dispatcher: base.startsWith('https:') ? topology.dispatcher : undefined,
    headers: {
      'content-type': 'application/json',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
    },
    body: JSON.stringify({ variables: options.variables, extensions: { persistedQuery: { version: 1, sha256Hash: idOf(name) } } }),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Answer['body'] };
}

async function logIn(login: string): Promise<{ browser: Browser; cookie: string }> {
  const browser = new Browser(topology.dispatcher);
  const start = await browser.get(`${topology.publicUrl}/auth/login`);
  expect([start.status, start.location?.href.startsWith(`${topology.providerIssuer}/authorize?`)]).toEqual([302, true]);
  const callback = await signIn(browser, start.location!, login, DEMO_PASSWORD);
  expect(callback.location?.origin).toBe(new URL(topology.publicUrl).origin);
  const landed = await browser.get(callback.location!);
  expect([landed.status, landed.location?.href]).toEqual([302, `${topology.publicUrl}/app/`]);
  return { browser, cookie: browser.cookieHeader(new URL(topology.publicUrl).origin) };
}

const gatewayUrl = (name: 'gateway-1' | 'gateway-2') => `http://127.0.0.1:${topology.processes.get(name)!.ports['4000']}`;

async function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const response = await request(url, { dispatcher: url.startsWith('https:') ? topology.dispatcher : undefined });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

function folderSize(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      bytes += statSync(join(entry.parentPath, entry.name)).size;
      if (entry.name === 'package.json' && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(entry.parentPath)) packages += 1;
    }
  }
  return { bytes, packages };
}

const report: string[] = [];

describe('the production topology, from dist/', () => {
  it('starts every service of docker-compose.yml, in production, on no development default, each passing its healthcheck', async () => {
    const ready = [...topology.processes.values()].map((p) => ({ name: p.service.name, ms: p.readyMs }));
    expect(ready.map((r) => r.name).sort()).toEqual(
      ['account', 'caf', 'cpf', 'employment', 'family', 'france-travail', 'franceconnect', 'gateway-1', 'gateway-2', 'identity', 'offres', 'orientation', 'retirement', 'rgcu', 'training', 'worker'].sort(),
    );
    for (const { service, logFile } of topology.processes.values()) {
      expect([service.name, service.environment.PLATFORM_ENV]).toEqual([service.name, 'production']);
      expect([service.name, (await readFile(logFile, 'utf8')).includes('development mode')]).toEqual([service.name, false]);
    }
    report.push('| process | spawn → healthy (ms) |', '|---|--:|', ...ready.map((r) => `| ${r.name} | ${r.ms} |`));
  });

  it('ships the platform without the mocks, loaders, bundlers or embedded database, in under 200 MB', () => {
    const platform = join(ARTIFACTS, 'platform');
    const installed = readdirSync(join(platform, 'node_modules'));
    for (const absent of ['oidc-provider', 'tsx', 'vite', 'esbuild', 'rollup', 'typescript', 'react', 'graphiql', '@electric-sql', '@gouvfr']) {
      expect([absent, installed.includes(absent)]).toEqual([absent, false]);
    }
    expect(readdirSync(join(platform, 'dist'))).not.toContain('mocks');
    const { bytes, packages } = folderSize(join(platform, 'node_modules'));
    expect(bytes).toBeLessThan(200 * 1024 * 1024);
    report.push('', `Platform production node_modules: ${packages} packages, ${Math.round(bytes / 1024 / 1024)} MB.`);
  });

  it('signs in through the provider’s form, reads MonCompte as a persisted operation, serves the web app and GraphiQL’s schema, and logs out to the app', async () => {
    const { browser, cookie } = await logIn('karim.benali');
    const answer = await persisted('MonCompte', { cookie });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.me.identity.familyName).toBe('BENALI');
    expect(answer.body.data.me.training.cpf.balance).toBe(420000);

    const app = await get(`${topology.publicUrl}/app/`);
    expect(app.status).toBe(200);
    expect(app.headers['content-security-policy']).toContain("default-src 'self'");
    const assets = [...app.body.matchAll(/(?:src|href)="(\/app\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) expect([asset, (await get(`${topology.publicUrl}${asset}`)).status]).toEqual([asset, 200]);
    // Logging out ends at the provider, which sends the browser back to the root: it leads to the app.
    const logout = await browser.get(`${topology.publicUrl}/auth/logout`);
    expect(logout.location?.href.startsWith(`${topology.providerIssuer}/session/end?`)).toBe(true);
    expect(logout.location?.searchParams.get('post_logout_redirect_uri')).toBe(`${topology.publicUrl}/`);
    const root = await browser.get(`${topology.publicUrl}/`);
    expect([root.status, root.location?.href]).toEqual([302, `${topology.publicUrl}/app/`]);

    const schema = await get(`${topology.publicUrl}/graphiql/schema.json`);
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.body).__schema.queryType.name).toBe('Query');
    const introspection = await request(`${topology.publicUrl}/graphql`, {
      method: 'POST',
      dispatcher: topology.dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    expect(((await introspection.body.json()) as Answer['body']).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('delivers a declared change through the worker process to each agency holding a file, and shows the receipt', async () => {
    const { cookie } = await logIn('camille.martin');
    const declared = await persisted('AppDeclarerChangement', {
      cookie,
      variables: { change: { email: { address: 'camille@example.org' } }, agencies: ['CPF', 'RGCU'], idempotencyKey: 'deployed-declaration-1' },
    });
    expect(declared.body.errors).toBeUndefined();
    const id = declared.body.data.declareChange.id as string;
    let node: any;
    for (let i = 0; i < 300; i++) {
      const followed = await persisted('AppSuiviDeclarations', { cookie });
      node = followed.body.data?.me?.declarations?.edges.map((edge: any) => edge.node).find((candidate: any) => candidate.id === id);
      if (node?.complete) break;
      await sleep(100);
    }
    expect(node).toMatchObject({
      receiptNumber: expect.stringMatching(/^DC-\d{4}-[0-9A-F]{10}$/),
      kind: 'EMAIL',
      complete: true,
      deliveries: [
        { agency: 'CPF', status: 'DELIVERED', reason: null },
        { agency: 'RGCU', status: 'DELIVERED', reason: null },
      ],
    });
  });

  it('keeps probes, health and metrics off the public entry', async () => {
    for (const path of ['/metrics', '/readyz', '/healthz', '/health']) expect([path, (await get(`${topology.publicUrl}${path}`)).status]).toEqual([path, 404]);
    expect((await get(`${gatewayUrl('gateway-1')}/metrics`)).status).toBe(200);
  });

  it('serves a session opened through one gateway through the other; logging out on one signs out on both', async () => {
    const { cookie } = await logIn('sophie.lefevre');
    for (const gateway of ['gateway-1', 'gateway-2'] as const) {
      const answer = await persisted('MonCompte', { cookie, base: gatewayUrl(gateway) });
      expect([gateway, answer.body.data?.me?.identity?.familyName]).toEqual([gateway, 'LEFÈVRE']);
    }
    const logout = await request(`${gatewayUrl('gateway-1')}/auth/logout`, { headers: { cookie, accept: 'text/html' } });
    await logout.body.dump();
    expect(logout.statusCode).toBe(302);
    for (const gateway of ['gateway-1', 'gateway-2'] as const) {
      const answer = await persisted('MonCompte', { cookie, base: gatewayUrl(gateway) });
      expect([gateway, answer.body.errors?.[0]?.extensions?.code]).toEqual([gateway, 'UNAUTHENTICATED']);
    }
  });

  it('lets a third party read a consenting person, and the person sees that read in their journal', async () => {
    const { cookie } = await logIn('aicha.diallo');
    const granted = await persisted('AccorderConsentement', {
      cookie,
      variables: {
        grantee: 'ccas-lyon',
        scopes: ['identity:read', 'family:read'],
        purpose: { code: 'SOCIAL_SUPPORT', text: 'Accompagnement RSA' },
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    expect(granted.body.data?.grantConsent?.status).toBe('ACTIVE');
    const ccas = (await loadThirdParties()).get('ccas-lyon')!;
    const token = await request(`${topology.providerIssuer}/token`, {
      method: 'POST',
      dispatcher: topology.dispatcher,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${ccas.clientId}:${ccas.devClientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'identity:read family:read' }).toString(),
    });
    const { access_token } = (await token.body.json()) as { access_token: string };
    expect(access_token).toEqual(expect.any(String));
    const caseload = await persisted('Beneficiaires', { bearer: access_token, variables: { first: 10 } });
    const aicha = caseload.body.data.beneficiaries.edges.map((e: { node: { id: string; identity: { familyName: string } | null } }) => e.node).find(
      (node: { identity: { familyName: string } | null }) => node.identity?.familyName === 'DIALLO',
    );
    expect(aicha).toBeDefined();
    const read = await persisted('Beneficiaire', { bearer: access_token, variables: { id: aicha.id } });
    expect(read.body.data.person.family.familyQuotient).not.toBeNull();
    const journal = await persisted('MonJournalDesAcces', { cookie });
    const readers = journal.body.data.me.accessJournal.edges.map((e: { node: { reader: { id: string }; sections: string[] } }) => e.node);
    expect(readers).toEqual(expect.arrayContaining([expect.objectContaining({ reader: expect.objectContaining({ id: 'ccas-lyon' }), sections: expect.arrayContaining(['family']) })]));
  });

  it('answers with one section missing when a subgraph stops, and both gateways stay ready', async () => {
    const { cookie } = await logIn('camille.martin');
    const training = topology.processes.get('training')!;
    training.child.kill('SIGTERM');
    expect((await training.exited).code).toBe(0);
    const answer = await persisted('MonCompte', { cookie });
    expect(answer.body.data.me.training).toBeNull();
    expect(answer.body.data.me.identity.familyName).toBe('MARTIN');
    expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    for (const gateway of ['gateway-1', 'gateway-2'] as const) {
      expect([gateway, (await get(`${gatewayUrl(gateway)}/readyz`)).status]).toEqual([gateway, 200]);
      const health = JSON.parse((await get(`${gatewayUrl(gateway)}/health`)).body) as { subgraphs: Record<string, string> };
      expect([gateway, health.subgraphs.training === 'ok', health.subgraphs.identity]).toEqual([gateway, false, 'ok']);
    }
    await topology.restart('training');
    expect((await persisted('MonCompte', { cookie })).body.data.me.training.cpf.balance).toEqual(expect.any(Number));
  });

  it('loses no request when a gateway is sent SIGTERM under a steady stream', async () => {
    const { cookie } = await logIn('lucas.petit');
    const statuses: number[] = [];
    const errors: string[] = [];
    let sending = true;
    const stream = async () => {
      while (sending) {
        const answer = await persisted('MonCompte', { cookie }).catch((error: Error) => ({ status: 0, body: { errors: [{ message: error.message }] } }));
        statuses.push(answer.status);
        if (answer.body.errors) errors.push(answer.body.errors[0]!.message);
      }
    };
    const clients = Array.from({ length: 4 }, stream);
    while (statuses.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const gateway = topology.processes.get('gateway-1')!;
    gateway.child.kill('SIGTERM');
    const { code } = await gateway.exited;
    const afterExit = statuses.length;
    while (statuses.length < afterExit + 20) await new Promise((resolve) => setTimeout(resolve, 20));
    sending = false;
    await Promise.all(clients);
    expect(code).toBe(0);
    expect(errors).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200]));
    report.push('', `SIGTERM under load: ${statuses.length} requests through nginx, all 200.`);
    await topology.restart('gateway-1');
  });
});

describe('production fails closed, from dist/', () => {
  /** Runs a service's compiled entry point with its compose environment, changed; resolves with its exit and output. */
  function run(name: string, change: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
    const service = topology.services.get(name)!;
    const env = { ...topology.environmentOf(service), ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete env[key];
    const [, ...args] = service.command!;
    const child = spawn(process.execPath, args, { cwd: topology.imageDir(service), env: env as Record<string, string>, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  }

  it.each([
    ['gateway-1', { REDIS_URL: undefined }, 'REDIS_URL: required in production'],
    ['gateway-1', { FC_CLIENT_SECRET: 'x' }, 'FC_CLIENT_SECRET: is shorter than 32 characters'],
    ['gateway-1', { FC_CLIENT_SECRET: undefined }, 'FC_CLIENT_SECRET: required in production'],
    ['gateway-1', { PERSON_ID_KEY: 'a'.repeat(32) }, 'PERSON_ID_KEY: is too regular to be a secret'],
    ['gateway-1', { FC_ISSUER: 'http://franceconnect.example.gouv.fr/api/v2' }, 'FC_ISSUER: must be an https URL in production'],
    ['gateway-1', { GATEWAY_PUBLIC_URL: 'https://localhost:8443' }, 'GATEWAY_PUBLIC_URL: must be the address people reach, not this machine'],
    ['identity', { DATABASE_URL: undefined }, 'DATABASE_URL: required in production'],
    ['worker', { DECLARATION_ENCRYPTION_KEY: DEVELOPMENT_DECLARATION_KEY }, 'DECLARATION_ENCRYPTION_KEY: is a documented development value'],
    ['training', { CPF_API_KEY: undefined }, 'CPF_API_KEY: required in production'],
    ['family', { CAF_API_KEY: DEVELOPMENT_AGENCY_API_KEYS.caf }, 'CAF_API_KEY: is a documented development value'],
    ['franceconnect', { FC_CLIENT_SECRET: DEVELOPMENT_FC_CLIENT_SECRET }, 'FC_CLIENT_SECRET: is a documented development value'],
    ['cpf', { CPF_API_KEY: undefined }, 'CPF_API_KEY: required in production'],
  ])('%s exits non-zero with %j, naming the variable', async (name, change, message) => {
    const { code, stderr } = await run(name, change);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

afterAll(async () => {
  report.push('', `Suite: ${Math.round((performance.now() - suiteStarted) / 1000)} s, the build and the installs included.`);
  await writeFile(join(ARTIFACTS, 'report.md'), `# Production topology, ${new Date().toISOString()}\n\n${report.join('\n')}\n`);
});
