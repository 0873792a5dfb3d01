import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { AgencyClient } from '../../subgraphs/shared/agency-client.ts';
import { AgencyError } from '../../subgraphs/shared/errors.ts';

// A real agency-like server whose first connection is reset before any answer: a request the
// agency may have acted on, as the client cannot tell.
let server: Server;
let client: AgencyClient;
const received: Array<{ method: string; key: string | undefined }> = [];
let resetNext = false;

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({ method: request.method ?? '', key: request.headers['idempotency-key'] as string | undefined });
    if (resetNext) {
      resetNext = false;
      request.socket.destroy();
      return;
    }
    response.writeHead(201, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new AgencyClient({ agency: 'cpf', baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k', timeoutMs: 2000 });
});

afterAll(async () => {
  await client.close();
  await new Promise((resolve) => server.close(resolve));
});

const request = { method: 'POST' as const, path: '/v1/x', body: {}, schema: z.object({ data: z.object({ ok: z.boolean() }) }) };

describe('AgencyClient retries', () => {
  it('resends once, with the same key, a request carrying an idempotency key whose connection was reset', async () => {
    received.length = 0;
    resetNext = true;
    const answer = await client.request({ ...request, idempotencyKey: 'key-1' });
    expect(answer).toMatchObject({ ok: true, status: 201, data: { data: { ok: true } } });
    expect(received).toEqual([
      { method: 'POST', key: 'key-1' },
      { method: 'POST', key: 'key-1' },
    ]);
  });

  it('never resends a request without a key: it fails as AGENCY_UNAVAILABLE', async () => {
    received.length = 0;
    resetNext = true;
    const failure = await client.request(request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgencyError);
    expect((failure as AgencyError).code).toBe('AGENCY_UNAVAILABLE');
    expect(received).toEqual([{ method: 'POST', key: undefined }]);
  });
});
