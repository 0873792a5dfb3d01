import { Client, request } from 'undici';
import { buildCaf, startAgencies } from '../../../mocks/agencies/index.ts';
import { generatePopulation } from '../../../mocks/population/index.ts';
import { call, listen, lookupPath, personaIdentite, TODAY, type Started } from './helpers.ts';

const population = generatePopulation({ seed: 11, size: 50, today: TODAY });
const KEY = 'test-caf-key';
const KARIM = lookupPath(personaIdentite('karim.benali'));
let caf: Started;

beforeEach(async () => {
  caf = await listen(buildCaf({ population, apiKey: KEY }));
});
afterEach(() => caf.close());

function setControl(body: unknown) {
  return call(caf.url, '/__control', { method: 'PUT', body });
}

/** A raw call that keeps the transport error, if any. */
async function rawCall(options: { headersTimeout?: number } = {}) {
  const client = new Client(caf.url, { headersTimeout: options.headersTimeout ?? 30_000 });
  try {
    const response = await request(`${caf.url}${KARIM}`, { dispatcher: client, headers: { 'x-api-key': KEY } });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  } finally {
    await client.destroy();
  }
}

async function transportError(promise: Promise<unknown>): Promise<{ code: string | undefined; name: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code?: string }).code, name: (error as Error).name };
  }
  throw new Error('the call succeeded');
}

describe('control endpoint', () => {
  it('starts with no latency and no fault, needs no API key, and refuses unknown settings', async () => {
    expect((await call(caf.url, '/__control')).json).toEqual({ latency_ms: 0, jitter_ms: 0, fault: null });
    expect((await setControl({ latency_ms: 20 })).json).toEqual({ latency_ms: 20, jitter_ms: 0, fault: null });
    expect((await setControl({ fault: 'wrong_shape' })).json).toEqual({ latency_ms: 20, jitter_ms: 0, fault: 'wrong_shape' });
    for (const body of [{ fault: 'flaky' }, { latency: 10 }, { latency_ms: -1 }, { jitter_ms: 1.5 }]) {
      const answer = await setControl(body);
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].code).toBe('INVALID_PARAMETER');
    }
    expect((await call(caf.url, '/__control', { method: 'DELETE' })).json).toEqual({ latency_ms: 0, jitter_ms: 0, fault: null });
  });

  it('counts API requests by route, not control requests, and resets the counts', async () => {
    await call(caf.url, KARIM, { apiKey: KEY });
    await call(caf.url, KARIM, { apiKey: KEY });
    await call(caf.url, '/v1/dossiers/batch', { method: 'POST', apiKey: KEY, body: { identites: [personaIdentite('karim.benali')] } });
    await call(caf.url, '/v1/dossiers/CAF-0000001/messages', { apiKey: KEY });
    await call(caf.url, '/__control');
    expect((await call(caf.url, '/__control/stats')).json).toEqual({
      requests_total: 4,
      requests_by_route: {
        'GET /v1/dossiers/identite': 2,
        'POST /v1/dossiers/batch': 1,
        'GET /v1/dossiers/{id}/messages': 1,
      },
    });
    expect(caf.app.control.stats().requests_total).toBe(4);
    expect((await call(caf.url, '/__control/stats', { method: 'DELETE' })).json).toEqual({ requests_total: 0, requests_by_route: {} });
  });
});

describe('latency', () => {
  // No clock is read: a request held for the latency is seen held, and one not held answers
  // although the latency is longer than the test may take.
  it('holds a request for the latency before answering it', async () => {
    await setControl({ latency_ms: 60_000 });
    let answered = false;
    const held = rawCall().finally(() => (answered = true));
    while (caf.app.control.stats().requests_total === 0) await new Promise((resolve) => setImmediate(resolve));
    for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    // Closing the server releases the held request rather than waiting out the latency.
    await caf.close();
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((await transportError(held)).code);
  });

  it('draws each delay from latency plus jitter, and never delays control requests', async () => {
    caf.app.control.set({ latency_ms: 300, jitter_ms: 50 });
    for (let draw = 0; draw < 20; draw += 1) {
      const delay = caf.app.control.nextDelay();
      expect(delay >= 300 && delay < 350).toBe(true);
    }
    caf.app.control.set({ latency_ms: 60_000, jitter_ms: 0 });
    expect((await call(caf.url, '/__control')).status).toBe(200);
  });
});

describe('faults', () => {
  it('down: the connection is reset before any byte, API key or not', async () => {
    await setControl({ fault: 'down' });
    const error = await transportError(rawCall());
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error.code);
    const anonymous = await transportError(request(`${caf.url}${KARIM}`));
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(anonymous.code);
  });

  it('slow: the client times out while the server still holds the request', async () => {
    await setControl({ fault: 'slow' });
    const error = await transportError(rawCall({ headersTimeout: 300 }));
    expect(error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(caf.app.control.stats().requests_total).toBe(1);
  });

  it('slow: a held request does not delay close', async () => {
    caf.app.control.set({ fault: 'slow' });
    const held = transportError(rawCall());
    while (caf.app.control.stats().requests_total === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Held for 120 s, the request would keep close() past the test's own timeout.
    await caf.close();
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain((await held).code);
  });

  it('error_500: 500 INTERNAL_ERROR', async () => {
    await setControl({ fault: 'error_500' });
    const answer = await call(caf.url, KARIM, { apiKey: KEY });
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ errors: [{ code: 'INTERNAL_ERROR', title: 'Erreur interne', detail: 'Panne injectée (fault error_500).' }] });
  });

  it('malformed_json: 200 application/json that does not parse', async () => {
    await setControl({ fault: 'malformed_json' });
    const answer = await rawCall();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('wrong_shape: 200, valid JSON of the wrong shape', async () => {
    await setControl({ fault: 'wrong_shape' });
    const answer = await call(caf.url, KARIM, { apiKey: KEY });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { unexpected: true } });
  });

  it('reset_mid_body: headers and part of the real body, then the connection drops', async () => {
    await setControl({ fault: 'reset_mid_body' });
    const client = new Client(caf.url);
    try {
      const response = await request(`${caf.url}${KARIM}`, { dispatcher: client, headers: { 'x-api-key': KEY } });
      expect(response.statusCode).toBe(200);
      expect(Number(response.headers['content-length'])).toBeGreaterThan(1000);
      const error = await transportError(response.body.text());
      expect(['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']).toContain(error.code);
    } finally {
      await client.destroy();
    }
  });

  it('clears with DELETE /__control', async () => {
    await setControl({ fault: 'down', latency_ms: 10 });
    await call(caf.url, '/__control', { method: 'DELETE' });
    const answer = await call(caf.url, KARIM, { apiKey: KEY });
    expect(answer.status).toBe(200);
    expect(answer.json.data.numero_allocataire).toBe('CAF-0000001');
  });

  it('is set in process on the built server as on the endpoint', async () => {
    caf.app.control.set({ fault: 'error_500' });
    expect((await call(caf.url, '/__control')).json.fault).toBe('error_500');
    expect((await call(caf.url, KARIM, { apiKey: KEY })).status).toBe(500);
    caf.app.control.reset();
    expect((await call(caf.url, KARIM, { apiKey: KEY })).status).toBe(200);
  });
});

describe('startAgencies', () => {
  it('starts the four systems on free ports with their keys, and closes them', async () => {
    const agencies = await startAgencies({ population, apiKeys: { caf: KEY } });
    try {
      expect(Object.keys(agencies.urls).sort()).toEqual(['caf', 'cpf', 'france-travail', 'rgcu']);
      expect(agencies.apiKeys).toEqual({ cpf: 'dev-cpf-key', rgcu: 'dev-rgcu-key', caf: KEY, 'france-travail': 'dev-france-travail-key' });
      for (const agency of ['cpf', 'rgcu', 'caf', 'france-travail'] as const) {
        expect(agencies.urls[agency]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const answer = await call(agencies.urls[agency], lookupPath(personaIdentite('karim.benali')), { apiKey: agencies.apiKeys[agency] });
        expect(answer.status).toBe(200);
      }
      agencies.instances.rgcu.control.set({ fault: 'error_500' });
      expect((await call(agencies.urls.rgcu, KARIM, { apiKey: 'dev-rgcu-key' })).status).toBe(500);
    } finally {
      await agencies.close();
    }
  });
});
