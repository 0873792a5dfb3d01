import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { request } from 'undici';
import { listenThenBuild } from '../../common/listen.ts';

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
