import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { INTERNAL_TOKEN_ISSUER } from '../../contract/internal-token.ts';
import { SUPERGRAPH_PATH } from '../../schemas/compose.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import { LogCapture } from '../support/logs.ts';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';

/** A proxy in front of one subgraph that records the headers of the GraphQL calls it forwards. */
interface RecordingProxy {
  url: string;
  /** Where it forwards: set once the subgraph listens. */
  target: string;
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function recordingProxy(): Promise<RecordingProxy> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/graphql') proxy.seen.push(req.headers);
    const upstream = await request(new URL(req.url ?? '/', proxy.target), {
      method: req.method as 'GET' | 'POST',
      headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.statusCode, { 'content-type': 'application/json' });
    res.end(Buffer.from(await upstream.body.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: RecordingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    target: '',
    seen: [],
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return proxy;
}

const SUBGRAPH_NAMES = ['identity', 'training', 'retirement', 'family', 'employment', 'account'];
let platform: RunningPlatform;
const logs = new LogCapture();
let proxies: Record<string, RecordingProxy>;
let tempDir: string;
let supergraphCopy: string;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'cdc-supergraph-'));
  supergraphCopy = join(tempDir, 'supergraph.graphql');
  await copyFile(SUPERGRAPH_PATH, supergraphCopy);
  // The gateway reaches every subgraph through a recording proxy, given as its subgraph URLs.
  proxies = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await recordingProxy()] as const)));
  platform = await startTestPlatform({
    env: {
      SUPERGRAPH_PATH: supergraphCopy,
      SUPERGRAPH_POLL_INTERVAL_MS: '50',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_SUBGRAPH_URL`, proxies[name]!.url])),
    },
    logs: { level: 'warn', destination: logs },
  });
  for (const [name, proxy] of Object.entries(proxies)) proxy.target = platform.subgraphUrls[name]!;
});

afterAll(async () => {
  await platform?.close();
  await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.close()));
  await rm(tempDir, { recursive: true, force: true });
});

describe('what the gateway sends subgraphs', () => {
  it('only an internal token for that subgraph, with only the identity it needs: no cookie, no FranceConnect token', async () => {
    const browser = await logIn(platform, 'karim.benali');
    for (const proxy of Object.values(proxies)) proxy.seen.length = 0;
    const answer = await graphql(platform, browser, '{ me { id training { cpf { balance } } family { familyQuotient { value } } timeline(first: 1) { totalCount } } }');
    expect(answer.body.errors).toBeUndefined();
    const calls = Object.entries(proxies).flatMap(([name, p]) => p.seen.map((headers) => ({ name, headers })));
    expect([...new Set(calls.map((c) => c.name))].sort()).toEqual(['account', 'employment', 'family', 'identity', 'retirement', 'training']);
    const karim = personaIdentities.find((p) => p.login === 'karim.benali')!;
    // The pivot goes only where an agency is read for the citizen (and to identity, which answers `me`), the email to identity alone.
    const identityOf: Record<string, unknown> = {
      identity: { pivot: karim.pivot, email: karim.email },
      training: { pivot: karim.pivot },
      retirement: { pivot: karim.pivot },
      family: { pivot: karim.pivot },
      employment: { pivot: karim.pivot },
      account: undefined,
    };
    for (const { name, headers } of calls) {
      expect(headers.cookie).toBeUndefined();
      const token = headers.authorization?.replace(/^Bearer /, '') ?? '';
      const claims = decodeJwt(token);
      expect({ iss: claims.iss, aud: claims.aud, identity: claims.identity }).toEqual({ iss: INTERNAL_TOKEN_ISSUER, aud: name, identity: identityOf[name] });
      expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(60);
      expect(Object.keys(headers).filter((h) => /cookie|x-forwarded|fc-|id-token/i.test(h))).toEqual([]);
    }
  });
});

describe('supergraph', () => {
  it('is reloaded when its file changes, without a restart', async () => {
    const ask = async () =>
      (await graphql(platform, null, '{ __type(name: "CpfAccount") { description } }')).body.data.__type.description;
    expect(await ask()).toBe('The personal training account (CPF), credited every year from work.');
    const original = await readFile(supergraphCopy, 'utf8');
    await writeFile(
      supergraphCopy,
      original.replace('The personal training account (CPF), credited every year from work.', 'Reloaded description.'),
    );
    let description = await ask();
    for (let i = 0; i < 100 && description !== 'Reloaded description.'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      description = await ask();
    }
    expect(description).toBe('Reloaded description.');
  });

  it('keeps serving the last good supergraph when the file becomes invalid', async () => {
    const reloadFailed = () => logs.indexOf((line) => line.service === 'gateway' && line.msg === 'supergraph reload failed; keeping the previous one');
    expect(reloadFailed()).toBe(-1);
    await writeFile(supergraphCopy, 'this is not a supergraph');
    // Until the gateway has read the file and refused it, the old schema answering proves nothing.
    for (let attempt = 0; attempt < 100 && reloadFailed() === -1; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reloadFailed()).toBeGreaterThanOrEqual(0);
    const { body } = await graphql(platform, null, '{ __type(name: "CpfAccount") { description } }');
    expect(body).toEqual({ data: { __type: { description: 'Reloaded description.' } } });
  });
});

describe('GraphiQL and health', () => {
  it('serves GraphiQL with every asset from the gateway itself (offline)', async () => {
    const page = await request(`${platform.gatewayUrl}/graphiql`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const html = await page.body.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual([
      '/graphiql/assets/graphiql.min.css',
      '/graphiql/assets/react.production.min.js',
      '/graphiql/assets/react-dom.production.min.js',
      '/graphiql/assets/graphiql.min.js',
      '/graphiql/assets/examples.js',
      '/graphiql/assets/start.js',
    ]);
    for (const asset of assets) {
      const response = await request(`${platform.gatewayUrl}${asset}`);
      const body = await response.body.text();
      expect([asset, response.statusCode, body.length > 100]).toEqual([asset, 200, true]);
    }
  });

  it('/healthz answers, /readyz checks the supergraph and the session store, /health and subgraph_up report every subgraph', async () => {
    expect(await (await request(`${platform.gatewayUrl}/healthz`)).body.json()).toEqual({ status: 'ok' });
    const ready = await request(`${platform.gatewayUrl}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({ ready: true, checks: { supergraph: 'ok', sessions: 'ok' } });
    const health = await request(`${platform.gatewayUrl}/health`);
    expect(health.statusCode).toBe(200);
    const everySubgraph = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'ok']));
    expect(await health.body.json()).toEqual({ ready: true, checks: { supergraph: 'ok', sessions: 'ok' }, subgraphs: everySubgraph });
    const metrics = await (await request(`${platform.gatewayUrl}/metrics`)).body.text();
    for (const name of SUBGRAPH_NAMES) expect(metrics).toContain(`subgraph_up{subgraph="${name}"} 1`);
  });
});
