import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { Lifecycle, shutDown } from '../../common/lifecycle.ts';
import { createLogger } from '../../common/observability/logging.ts';
import { gatewayService } from '../../gateway/src/service.ts';
import { SUBGRAPHS } from '../../schemas/subgraphs.ts';
import { LogCapture, type LogLine } from '../support/logs.ts';
import { spawnEntry } from '../support/processes.ts';

/**
 * Stands in for every subgraph: healthy, but holding each GraphQL call until the test lets it
 * answer, so a request is reliably in flight when shutdown starts.
 */
class HeldSubgraphs {
  readonly #server: Server;
  readonly #held: Array<() => void> = [];
  readonly #arrivals: Array<() => void> = [];
  url = '';

  constructor() {
    this.#server = createServer((req, res) => {
      if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      req.resume().on('end', () => {
        this.#held.push(() =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { me: { id: 'held-person' } } })),
        );
        for (const wake of this.#arrivals.splice(0)) wake();
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Resolves once a GraphQL call is being held. */
  async arrival(): Promise<void> {
    if (this.#held.length === 0) await new Promise<void>((resolve) => this.#arrivals.push(resolve));
  }

  releaseAll(): void {
    for (const answer of this.#held.splice(0)) answer();
  }

  env(): Record<string, string> {
    return Object.fromEntries(SUBGRAPHS.map((s) => [`${s.name.toUpperCase()}_SUBGRAPH_URL`, `${this.url}/graphql`]));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}

const subgraphs = new HeldSubgraphs();
let secrets: Record<string, string>;
/** The queries below are not persisted operations: development runs any document. */
const DEVELOPMENT = { PLATFORM_ENV: 'development' };

beforeAll(async () => {
  await subgraphs.listen();
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  secrets = {
    INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'shutdown-test' }),
    PERSON_ID_KEY: 'shutdown-test-person-id-key-0123456789',
    MODULE_PSEUDONYM_SECRET: 'shutdown-test-pseudonym-secret-0123456789',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  };
});

afterAll(async () => {
  await subgraphs.close();
});

const query = (url: string) =>
  request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ me { id } }' }),
  }).then(async (response) => ({ status: response.statusCode, body: await response.body.json() }));

/** Waits for something the code under test does next, checking at each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const is = (msg: string) => (line: LogLine) => line.msg === msg;
const completedGraphql = (line: LogLine) =>
  line.msg === 'request completed' && (line.res as { statusCode?: number } | undefined)?.statusCode === 200 && line.requestId === 'held';

describe('graceful shutdown of a gateway', () => {
  it('turns readiness false first, then drains the in-flight request, then closes pools and the session store', async () => {
    const logs = new LogCapture();
    const logger = createLogger({ service: 'gateway', destination: logs });
    const lifecycle = new Lifecycle();
    const config = gatewayService.readConfig({ ...secrets, ...DEVELOPMENT, ...subgraphs.env(), GATEWAY_PORT: '0' });
    const gateway = await gatewayService.start(config, { logger, lifecycle, processMetrics: false, clock: () => new Date() });

    const readyBefore = await request(`${gateway.url}/readyz`);
    expect(readyBefore.statusCode).toBe(200);
    await readyBefore.body.dump();

    const inFlight = request(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'held' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    }).then(async (response) => ({ status: response.statusCode, body: await response.body.json() }));
    await subgraphs.arrival();

    let balancersSawIt!: () => void;
    const stopped = shutDown({
      lifecycle,
      logger,
      waitForBalancers: () => new Promise<void>((resolve) => (balancersSawIt = resolve)),
      inFlight: gateway.inFlight,
      close: gateway.close,
      timeoutMs: 20_000,
    });

    // Still listening: a load balancer probing now learns to send nothing more here.
    const readyDuring = await request(`${gateway.url}/readyz`);
    expect(readyDuring.statusCode).toBe(503);
    expect(await readyDuring.body.json()).toEqual({ ready: false, checks: { shutdown: 'draining' } });

    balancersSawIt();
    await until(() => logs.indexOf(is('shutdown: draining in-flight requests')) >= 0);
    expect(logs.lines[logs.indexOf(is('shutdown: draining in-flight requests'))]?.inFlight).toBe(1);
    subgraphs.releaseAll();

    expect(await inFlight).toEqual({ status: 200, body: { data: { me: { id: 'held-person' } } } });
    expect(await stopped).toBe('clean');
    const order = [
      logs.indexOf(is('shutdown: readiness off')),
      logs.indexOf(is('shutdown: draining in-flight requests')),
      logs.indexOf(completedGraphql),
      logs.indexOf(is('shutdown: connections and pools closed')),
      logs.indexOf(is('shutdown: stopped')),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await expect(query(gateway.url)).rejects.toThrow(); // nothing listens any more
  });

  it('runs that sequence on SIGTERM in its own process, and exits 0', async () => {
    const spawned = spawnEntry('gateway/src/server.ts', { ...secrets, ...DEVELOPMENT, ...subgraphs.env(), GATEWAY_PORT: '0', SHUTDOWN_DELAY_MS: '0' });
    const { url } = (await spawned.waitForLog((line) => line.msg === 'gateway listening')) as { url: string };
    const inFlight = request(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'held' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    }).then(async (response) => ({ status: response.statusCode, body: await response.body.json() }));
    await subgraphs.arrival();

    spawned.child.kill('SIGTERM');
    const draining = await spawned.waitForLog((line) => line.msg === 'shutdown: draining in-flight requests');
    expect(draining.inFlight).toBe(1);
    subgraphs.releaseAll();

    expect(await inFlight).toEqual({ status: 200, body: { data: { me: { id: 'held-person' } } } });
    expect(await spawned.exited).toEqual({ code: 0, signal: null });
    const lines = spawned.logLines();
    const at = (predicate: (line: LogLine) => boolean) => lines.findIndex(predicate);
    const order = [
      at(is('shutdown: signal received')),
      at(is('shutdown: readiness off')),
      at(is('shutdown: draining in-flight requests')),
      at(completedGraphql),
      at(is('shutdown: connections and pools closed')),
      at(is('shutdown: stopped')),
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
