import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { createLogger, fastifyLogging, scrubString } from '../../common/observability/logging.ts';
import { LogCapture } from '../support/logs.ts';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrYXJpbSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

function logged(write: (logger: ReturnType<typeof createLogger>) => void) {
  const capture = new LogCapture();
  write(createLogger({ service: 'test', destination: capture }));
  return capture;
}

describe('logs keep personal data and credentials out by construction', () => {
  it('replaces sensitive keys at any depth, whatever their spelling', () => {
    const capture = logged((logger) =>
      logger.info(
        {
          session: { idToken: JWT, pivot: { given_name: 'Karim', family_name: 'BENALI', birthdate: '1983-09-02' } },
          deep: { a: { b: { c: { Authorization: 'Bearer abc', 'x-api-key': 'dev-cpf-key', prenoms: ['Karim'] } } } },
          identites: [{ nomNaissance: 'BENALI' }],
          code: 'AGENCY_TIMEOUT',
          count: 3,
        },
        'read',
      ),
    );
    expect(capture.lines[0]).toMatchObject({
      service: 'test',
      level: 'info',
      msg: 'read',
      session: { idToken: '[redacted]', pivot: '[redacted]' },
      deep: { a: { b: { c: { Authorization: '[redacted]', 'x-api-key': '[redacted]', prenoms: '[redacted]' } } } },
      identites: '[redacted]',
      code: 'AGENCY_TIMEOUT',
      count: 3,
    });
    expect(capture.text()).not.toMatch(/Karim|BENALI|1983-09-02|dev-cpf-key|eyJ/);
  });

  it('masks JWTs and bearer credentials inside messages and nested strings', () => {
    const capture = logged((logger) => logger.warn({ note: `token ${JWT}` }, `sent Authorization: Bearer ${JWT} to %s`, 'cpf'));
    expect(capture.lines[0]).toMatchObject({ note: 'token [jwt]', msg: 'sent Authorization: Bearer [jwt] to cpf' });
    expect(scrubString(`Basic dXNlcjpwYXNz and Bearer opaque-token-42`)).toBe('Basic [redacted] and Bearer [redacted]');
  });

  it('logs requests as method and route template only: no path values, query, headers or body', () => {
    const request = {
      method: 'GET',
      url: '/auth/callback?code=secret-code&state=s',
      routeOptions: { url: '/auth/callback' },
      headers: { cookie: 'cdc_session=abc', authorization: `Bearer ${JWT}` },
      body: { password: 'compte-des-comptes' },
    };
    const capture = logged((logger) => logger.info({ req: request, res: { statusCode: 302, headers: { 'set-cookie': 'x' } } }, 'done'));
    expect(capture.lines[0]).toMatchObject({ req: { method: 'GET', route: '/auth/callback' }, res: { statusCode: 302 } });
    expect(capture.text()).not.toMatch(/secret-code|cdc_session|compte-des-comptes|set-cookie|eyJ/);
  });

  it('logs errors by type, code and scrubbed message, and causes by type and code only', () => {
    const cause = Object.assign(new Error('Karim BENALI unknown'), { code: 'ECONNRESET' });
    const error = Object.assign(new Error(`rejected ${JWT}`, { cause }), { code: 'AGENCY_UNAVAILABLE' });
    const capture = logged((logger) => logger.error({ err: error }, 'failed'));
    expect(capture.lines[0]).toMatchObject({ err: { type: 'Error', code: 'AGENCY_UNAVAILABLE', message: 'rejected [jwt]', causes: ['Error ECONNRESET'] } });
    expect(capture.text()).not.toMatch(/Karim|eyJ/);
  });

  it('logs one line per request served, when it ends: method, route, status, time and request id', async () => {
    const capture = new LogCapture();
    const app = Fastify(fastifyLogging(createLogger({ service: 'test', destination: capture })));
    app.get('/items/:id', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/items/karim-benali?q=1', headers: { 'x-request-id': 'req-1' } });
    await app.close();
    const requestLines = capture.lines.filter((line) => line.requestId !== undefined);
    expect(requestLines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        requestId: 'req-1',
        req: { method: 'GET', route: '/items/:id' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    expect(capture.text()).not.toMatch(/karim/);
  });

  it('writes nothing below its level', () => {
    const capture = new LogCapture();
    const logger = createLogger({ service: 'test', level: 'warn', destination: capture });
    logger.info('hidden');
    logger.warn('shown');
    expect(capture.lines.map((line) => line.msg)).toEqual(['shown']);
  });
});
