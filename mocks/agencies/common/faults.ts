import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SLOW_FAULT_MS, type AgencyControl } from './control.ts';
import { errorsBody, fail } from './errors.ts';

/** A truncated JSON text, for the `malformed_json` fault. */
const MALFORMED_JSON = '{"data":{"id":"';

/** Control routes are never delayed, faulted or counted. */
export function isControlRequest(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith('/__control') === true;
}

/** `GET /v1/dossiers/{id}/messages`: the route as the contract writes it, for the request counts. */
function routeName(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  return `${request.method} ${url === undefined ? '*' : url.replace(/:(\w+)/g, '{$1}')}`;
}

/**
 * Counts API requests, then applies the injected latency and fault before anything else
 * (authentication included): a system that is down or slow is so for every caller.
 */
export function installFaults(app: FastifyInstance, control: AgencyControl): void {
  app.addHook('onRequest', async (request, reply) => {
    if (isControlRequest(request)) return;
    control.count(routeName(request));
    const delay = control.nextDelay();
    if (delay > 0 && (await holdWhileConnected(control, request, delay)) === 'released') return dropConnection(request, reply);
    switch (control.state.fault) {
      case 'down':
        return dropConnection(request, reply);
      case 'slow':
        if ((await holdWhileConnected(control, request, SLOW_FAULT_MS)) === 'released') return dropConnection(request, reply);
        return;
      case 'error_500':
        return reply.code(500).send(errorsBody(fail('INTERNAL_ERROR', 'Panne injectée (fault error_500).').body()));
      case 'malformed_json':
        return reply.code(200).type('application/json; charset=utf-8').send(MALFORMED_JSON);
      case 'wrong_shape':
        return reply.code(200).send({ data: { unexpected: true } });
      default:
        return;
    }
  });

  // reset_mid_body needs the real answer: it is cut on its way out.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (control.state.fault !== 'reset_mid_body' || isControlRequest(request) || !isBytes(payload)) {
      done(null, payload);
      return;
    }
    const body = Buffer.from(payload);
    reply.hijack();
    const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined));
    // 200 as the contract says, whatever the real answer's status.
    reply.raw.writeHead(200, { ...headers, 'content-length': body.length });
    // Once the first half has reached the socket, cut it. `done` is never called: fastify would
    // otherwise try to write the answer a second time.
    reply.raw.write(body.subarray(0, Math.ceil(body.length / 2)), () => request.raw.socket.destroy());
  });

  app.addHook('preClose', async () => control.releaseAll());
}

/** Holds the request, letting it go early if its connection closes. */
async function holdWhileConnected(control: AgencyControl, request: FastifyRequest, ms: number): Promise<'elapsed' | 'released'> {
  const socket = request.raw.socket;
  const gone = new AbortController();
  const abort = (): void => gone.abort();
  socket.once('close', abort);
  try {
    return await control.hold(ms, gone.signal);
  } finally {
    socket.off('close', abort);
  }
}

function isBytes(payload: unknown): payload is string | Buffer {
  return typeof payload === 'string' || Buffer.isBuffer(payload);
}

/** The client sees its connection reset, without a byte of answer. */
function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}
