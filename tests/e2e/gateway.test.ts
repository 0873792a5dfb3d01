import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, generateKeyPair, type CryptoKey } from 'jose';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { INTERNAL_TOKEN_ISSUER } from '../../contract/internal-token.ts';
import { SUPERGRAPH_PATH } from '../../schemas/compose.ts';
import { createSessionStore } from '../../gateway/src/session/index.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import { startGatewayAndProvider } from '../../platform/gateway.ts';
import type { RunningPlatform } from '../../platform/start-platform.ts';
import { LogCapture } from '../support/logs.ts';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';

/** A pass-through proxy in front of a subgraph that records what the gateway sends it. */
async function recordingProxy(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer(async (req, res) => {
    seen.push(req.headers);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const upstream = await request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
      body: Buffer.concat(chunks),
    });
    res.writeHead(upstream.statusCode, { 'content-type': 'application/json' });
    res.end(Buffer.from(await upstream.body.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let platform: RunningPlatform;
const logs = new LogCapture();
let tokenKeys: { privateKey: CryptoKey; publicKey: CryptoKey };
let tempDir: string;
let supergraphCopy: string;

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'cdc-supergraph-'));
  supergraphCopy = join(tempDir, 'supergraph.graphql');
  await copyFile(SUPERGRAPH_PATH, supergraphCopy);
  tokenKeys = await generateKeyPair('ES256');
  platform = await startTestPlatform({ supergraphPath: supergraphCopy, supergraphPollIntervalMs: 50, tokenKeys, logs: { level: 'warn', destination: logs } });
});

afterAll(async () => {
  await platform?.close();
  await rm(tempDir, { recursive: true, force: true });
});

describe('what the gateway sends subgraphs', () => {
  it('only an internal token for that subgraph, with only the identity it needs: no cookie, no FranceConnect token', async () => {
    // A second gateway-facing path: the same subgraphs behind recording proxies.
    const proxies = Object.fromEntries(
      await Promise.all(Object.entries(platform.subgraphUrls).map(async ([name, url]) => [name, await recordingProxy(url)] as const)),
    );
    const gateway = await startGatewayAndProvider({
      clientId: 'recording-gateway',
      clientSecret: 'recording-gateway-secret-0123456789',
      supergraphPath: SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(Object.entries(proxies).map(([name, p]) => [name, p.url])),
      subgraphTimeoutMs: 2000,
      tokenKey: tokenKeys.privateKey,
      personIdKey: platform.personIdKey,
      sessions: createSessionStore(),
    });
    try {
      const browser = await logIn({ ...platform, gatewayUrl: gateway.gatewayUrl, providerUrl: gateway.providerUrl }, 'karim.benali');
      const answer = await graphql(
        { ...platform, gatewayUrl: gateway.gatewayUrl },
        browser,
        '{ me { id training { cpf { balance } } family { familyQuotient { value } } timeline(first: 1) { totalCount } } }',
      );
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
    } finally {
      await gateway.close();
      await Promise.all(Object.values(proxies).map((p) => p.close()));
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

  it('/healthz answers and /readyz checks the supergraph, sessions and every subgraph', async () => {
    expect(await (await request(`${platform.gatewayUrl}/healthz`)).body.json()).toEqual({ status: 'ok' });
    const ready = await request(`${platform.gatewayUrl}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({
      ready: true,
      checks: {
        supergraph: 'ok',
        sessions: 'ok',
        'subgraph:identity': 'ok',
        'subgraph:training': 'ok',
        'subgraph:retirement': 'ok',
        'subgraph:family': 'ok',
        'subgraph:employment': 'ok',
        'subgraph:account': 'ok',
      },
    });
  });
});
