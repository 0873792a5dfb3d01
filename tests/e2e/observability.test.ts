import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { request } from 'undici';
import { reportBreakerState } from '../../common/observability/circuit-breaker.ts';
import { startTracing, type Tracing } from '../../common/observability/tracing.ts';
import { personaIdentities } from '../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import type { Browser } from '../support/browser.ts';
import { LogCapture } from '../support/logs.ts';
import { controlAgency, logIn, resetAgency, startTestPlatform, waitForCircuits } from '../support/platform.ts';

const ACCOUNT = `query MonCompte {
  me {
    identity { givenNames familyName birthDate email }
    training { cpf { balance } }
    retirement { validatedQuarters }
    family { familyQuotient { value } }
    employment { registration { category } }
  }
}`;

const karimIdentity = personaIdentities.find((p) => p.login === 'karim.benali')!;
const logs = new LogCapture();
const spans = new InMemorySpanExporter();
let tracing: Tracing;
let platform: RunningPlatform;
let karim: Browser;

async function query(requestId: string) {
  const response = await request(`${platform.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: karim.cookieHeader(new URL(platform.gatewayUrl).origin), 'x-request-id': requestId },
    body: JSON.stringify({ query: ACCOUNT, operationName: 'MonCompte' }),
  });
  return { status: response.statusCode, requestId: response.headers['x-request-id'], body: (await response.body.json()) as any };
}

async function metricsOf(url: string): Promise<string> {
  const response = await request(new URL('/metrics', url));
  expect(response.statusCode).toBe(200);
  return response.body.text();
}

/** The value of one sample in Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((pair) => l.slice(name.length + 1, l.indexOf('}')).split(',').includes(pair)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

beforeAll(async () => {
  tracing = await startTracing({ serviceName: 'test-platform', exporter: spans, exportEachSpan: true });
  platform = await startTestPlatform({ logs: { level: 'debug', destination: logs } });
  karim = await logIn(platform, 'karim.benali');
});

afterAll(async () => {
  await platform?.close();
  await tracing?.shutdown();
});

describe('one request id, carried gateway → subgraph → agency', () => {
  it('is echoed to the caller and names the request in the logs of each hop', async () => {
    const answer = await query('obs-request-1');
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.requestId).toBe('obs-request-1');
    const services = new Set(logs.lines.filter((line) => line.requestId === 'obs-request-1').map((line) => line.service));
    expect([...services].sort()).toEqual(
      ['caf', 'cpf', 'employment', 'family', 'france-travail', 'gateway', 'identity', 'retirement', 'rgcu', 'training'].sort(),
    );
  });

  it('is made up by the gateway when the caller sends none (or an unusable one)', async () => {
    const answer = await query('not a usable id; DROP');
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const cpfLines = logs.lines.filter((line) => line.service === 'cpf' && line.requestId === answer.requestId);
    expect(cpfLines.length).toBeGreaterThan(0);
  });
});

describe('logs of a whole login and query', () => {
  it('hold no name, birth date, email, token or session id', async () => {
    await query('obs-request-2');
    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThan(50);
    const { pivot, email } = karimIdentity;
    for (const secret of [pivot.given_name, pivot.family_name, pivot.birthdate, email, karim.cookie(new URL(platform.gatewayUrl).origin, 'cdc_session')]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/); // no JWT: ID tokens, internal tokens
    expect(text).not.toMatch(/code=|state=|nonce/i); // no query string of the callback
  });
});

describe('Prometheus metrics', () => {
  it('keep operation labels bounded in development mode: names clients invent share __other, persisted ones keep theirs', async () => {
    const invented = (i: number) => `Invented${'x'.repeat(2_000)}${i}`;
    for (let i = 0; i < 250; i += 1) {
      const response = await request(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query ${invented(i)} { trainings(search: {}, page: 1, perPage: 1) { total } }` }),
      });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    }
    expect((await query('obs-labels')).status).toBe(200);
    for (const url of [platform.gatewayUrl, platform.subgraphUrls.training]) {
      expect((await metricsOf(url)).includes('xxxxxxxxxx')).toBe(false);
    }
    const gateway = await metricsOf(platform.gatewayUrl);
    expect(sample(gateway, 'graphql_operations_total', { operation: '__other', type: 'query' })).toBe(250);
    expect(sample(gateway, 'graphql_operations_total', { operation: 'MonCompte', type: 'query' })).toBeGreaterThanOrEqual(1);
  });

  it('count operations at the gateway, calls per subgraph and per agency, and errors by code', async () => {
    await controlAgency(platform.agencyUrls.caf, { fault: 'error_500' });
    try {
      const answer = await query('obs-request-3');
      expect(answer.body.errors?.map((e: any) => e.extensions.code)).toEqual(['AGENCY_UNAVAILABLE']);
    } finally {
      await resetAgency(platform.agencyUrls.caf);
    }
    const gateway = await metricsOf(platform.gatewayUrl);
    expect(sample(gateway, 'graphql_operations_total', { operation: 'MonCompte', type: 'query' })).toBeGreaterThanOrEqual(3);
    expect(sample(gateway, 'graphql_operation_duration_seconds_count', { operation: 'MonCompte', type: 'query' })).toBeGreaterThanOrEqual(3);
    expect(sample(gateway, 'graphql_operation_errors_total', { operation: 'MonCompte', code: 'AGENCY_UNAVAILABLE' })).toBe(1);
    for (const subgraph of ['identity', 'training', 'retirement', 'family', 'employment']) {
      expect(sample(gateway, 'upstream_requests_total', { peer_kind: 'subgraph', peer: subgraph, outcome: 'ok' })).toBeGreaterThanOrEqual(3);
      expect(sample(gateway, 'upstream_request_duration_seconds_count', { peer_kind: 'subgraph', peer: subgraph })).toBeGreaterThanOrEqual(3);
    }
    expect(sample(gateway, 'http_server_requests_total', { method: 'POST', route: '/graphql', status_code: '200' })).toBeGreaterThanOrEqual(3);

    const family = await metricsOf(platform.subgraphUrls.family);
    expect(sample(family, 'upstream_requests_total', { peer_kind: 'agency', peer: 'caf', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    // Every call is counted: the failed read and its one retry (AGENCY_RETRIES, default 1).
    expect(sample(family, 'upstream_requests_total', { peer_kind: 'agency', peer: 'caf', outcome: 'http_5xx' })).toBe(2);
    expect(sample(family, 'upstream_errors_total', { peer_kind: 'agency', peer: 'caf', reason: 'http_5xx' })).toBe(2);
    expect(sample(family, 'graphql_operation_errors_total', { code: 'AGENCY_UNAVAILABLE' })).toBe(1);
    const training = await metricsOf(platform.subgraphUrls.training);
    expect(sample(training, 'upstream_requests_total', { peer_kind: 'agency', peer: 'cpf', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sample(training, 'upstream_errors_total', { peer_kind: 'agency', peer: 'cpf' })).toBeUndefined();
  });

  it('show the state a circuit breaker reports, in the apps that call that peer only', async () => {
    reportBreakerState({ kind: 'agency', peer: 'cpf', state: 'open' });
    expect(sample(await metricsOf(platform.subgraphUrls.training), 'circuit_breaker_state', { peer_kind: 'agency', peer: 'cpf' })).toBe(2);
    expect(sample(await metricsOf(platform.subgraphUrls.family), 'circuit_breaker_state', { peer: 'cpf' })).toBeUndefined();
    reportBreakerState({ kind: 'agency', peer: 'cpf', state: 'half_open' });
    expect(sample(await metricsOf(platform.subgraphUrls.training), 'circuit_breaker_state', { peer: 'cpf' })).toBe(1);
    reportBreakerState({ kind: 'subgraph', peer: 'training', state: 'closed' });
    expect(sample(await metricsOf(platform.gatewayUrl), 'circuit_breaker_state', { peer_kind: 'subgraph', peer: 'training' })).toBe(0);
  });

  it('follow a real circuit: open after repeated failures of an agency, closed again once a probe succeeds', async () => {
    const cafCircuit = async () => sample(await metricsOf(platform.subgraphUrls.family), 'circuit_breaker_state', { peer_kind: 'agency', peer: 'caf' });
    await controlAgency(platform.agencyUrls.caf, { fault: 'error_500' });
    try {
      // Five consecutive failures open it (AGENCY_CIRCUIT_FAILURES); each query fails twice (one retry).
      for (let n = 0; n < 10 && (await cafCircuit()) !== 2; n++) await query(`obs-circuit-${n}`);
      expect(await cafCircuit()).toBe(2);
    } finally {
      await resetAgency(platform.agencyUrls.caf);
    }
    await waitForCircuits();
    const probe = await query('obs-circuit-probe');
    expect(probe.body.errors).toBeUndefined();
    expect(await cafCircuit()).toBe(0);
  });
});

describe('OpenTelemetry traces', () => {
  it('follow one request through gateway → subgraph → agency in a single trace', async () => {
    spans.reset();
    await query('obs-trace');
    const finished = spans.getFinishedSpans();
    const gatewayServer = finished.find(
      (s) => s.kind === SpanKind.SERVER && s.attributes['cdc.request_id'] === 'obs-trace' && s.attributes['cdc.service'] === 'gateway',
    );
    expect(gatewayServer?.name).toBe('POST /graphql');
    const trace = finished.filter((s) => s.spanContext().traceId === gatewayServer!.spanContext().traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => byId.get(s.parentSpanContext?.spanId ?? '');
    const ancestry = (s: ReadableSpan): string[] => {
      const chain: string[] = [];
      for (let at: ReadableSpan | undefined = s; at; at = parentOf(at)) chain.push(at.name);
      return chain;
    };

    // @apollo/gateway's own spans sit between the incoming request and the subgraph call.
    const toTraining = trace.find((s) => s.kind === SpanKind.CLIENT && s.name === 'POST subgraph training')!;
    expect(ancestry(toTraining)).toEqual(expect.arrayContaining(['POST subgraph training', 'gateway.fetch', 'gateway.request', 'POST /graphql']));
    const trainingServer = trace.find((s) => s.kind === SpanKind.SERVER && s.attributes['cdc.service'] === 'training')!;
    expect(parentOf(trainingServer)).toBe(toTraining);
    const toCpf = trace.find((s) => s.kind === SpanKind.CLIENT && s.name === 'POST agency cpf')!;
    expect(ancestry(toCpf)).toEqual(['POST agency cpf', 'POST /graphql', 'POST subgraph training', ...ancestry(toTraining).slice(1)]);
    const cpfServer = trace.find((s) => s.kind === SpanKind.SERVER && s.attributes['http.route'] === '/v1/dossiers/batch' && parentOf(s) === toCpf);
    expect(cpfServer?.attributes['cdc.request_id']).toBe('obs-trace');
    // Every agency answered within the same trace.
    expect(trace.filter((s) => s.kind === SpanKind.CLIENT && s.attributes['cdc.peer.kind'] === 'agency').map((s) => s.name).sort()).toEqual(
      ['POST agency caf', 'POST agency cpf', 'POST agency france-travail', 'POST agency rgcu'],
    );
  });
});
