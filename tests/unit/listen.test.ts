import { describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import { request } from 'undici';
import { HTTP_LIMITS, limitedFastify } from '../../common/http-server.ts';
import { listenApp, listenThenBuild } from '../../common/listen.ts';

describe('a server listening before it is built (the gateway)', () => {
  it('answers 503 STARTING while it is built, then serves its routes', async () => {
    let answerDuringBuild: { status: number; body: unknown } | undefined;
    const listening = await listenThenBuild(async (url, serverFactory) => {
      // A request arriving now, before fastify is ready, once ended the process.
      const response = await request(`${url}/healthz`);
      answerDuringBuild = { status: response.statusCode, body: await response.body.json() };
      const app = Fastify({ serverFactory });
      app.get('/healthz', async () => ({ status: 'ok' }));
      return app;
    });
    try {
      expect(answerDuringBuild).toEqual({
        status: 503,
        body: { errors: [{ message: 'Starting; try again in a moment.', extensions: { code: 'STARTING' } }] },
      });
      const after = await request(`${listening.url}/healthz`);
      expect({ status: after.statusCode, body: await after.body.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await listening.close();
    }
  });
});

/** Sends headers announcing a body, then a few bytes of it and nothing more; resolves with what the server wrote before closing. */
function slowBody(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write('POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"x":');
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const echoApp = (app: FastifyInstance) => {
  app.post('/echo', async (request) => request.body);
  return app;
};

describe('every server bounds what a client may hold (common/http-server.ts)', () => {
  // No wall clock here: a server that never cut the connection would leave the test to its own timeout.
  it('cuts a request whose body does not arrive within the request timeout, with 408', async () => {
    const listening = await listenApp(echoApp(limitedFastify({})));
    try {
      expect((await slowBody(listening.url)).split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    } finally {
      await listening.close();
    }
  });

  it('does the same on a server made before its app (the gateway)', async () => {
    const listening = await listenThenBuild(async (_url, serverFactory) => echoApp(limitedFastify({ serverFactory })));
    try {
      expect((await slowBody(listening.url)).split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    } finally {
      await listening.close();
    }
  });

  it(`keeps at most ${HTTP_LIMITS.maxConnections} connections open: the next one is closed as it arrives`, async () => {
    const app = echoApp(limitedFastify({}));
    const listening = await listenApp(app);
    const { hostname, port } = new URL(listening.url);
    const open: Socket[] = [];
    try {
      for (let i = 0; i < HTTP_LIMITS.maxConnections; i += 1) {
        open.push(await new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(port), hostname, () => resolve(socket)).on('error', reject);
        }));
      }
      while ((await new Promise<number>((resolve) => app.server.getConnections((_e, count) => resolve(count)))) < HTTP_LIMITS.maxConnections) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      const refused = await new Promise<string>((resolve) => {
        let received = '';
        const socket = connect(Number(port), hostname, () => socket.write('GET /echo HTTP/1.1\r\nHost: test\r\n\r\n'));
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
      });
      expect(refused).toBe('');
    } finally {
      for (const socket of open) socket.destroy();
      await listening.close();
    }
  });
});
