import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { Lifecycle } from '../lifecycle.ts';
import { REQUEST_ID_HEADER } from './logging.ts';
import { runInRequestScope } from './request-scope.ts';
import type { Telemetry } from './telemetry.ts';
import { tracer } from './tracing.ts';

export interface InstrumentOptions {
  telemetry: Telemetry;
  /** When given, `/readyz` answers 503 as soon as the process starts shutting down. */
  lifecycle?: Lifecycle;
  /** Adds a `/readyz` for apps that have none (ready unless shutting down). */
  readyz?: boolean;
}

/** Probes and scrapes: logged only when something is wrong, so request logs stay readable. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/health', '/metrics']);

export const DRAINING = { ready: false, checks: { shutdown: 'draining' } } as const;

/**
 * Makes a fastify app observable; call it right after creating the app, before any route:
 * - each request gets a request id (the caller's `x-request-id` or a new one), echoed in the reply;
 * - each handler runs in a request scope and inside a server span continuing the caller's
 *   W3C trace, so the calls it makes carry both onward (see upstream.ts);
 * - HTTP requests are counted and timed by route template;
 * - `GET /metrics` serves the app's Prometheus registry;
 * - `/readyz` turns 503 once shutdown begins, and from then on every answer closes its connection.
 */
export function instrumentFastify(app: FastifyInstance, options: InstrumentOptions): void {
  const { telemetry, lifecycle } = options;
  const { metrics } = telemetry;
  const spans = new WeakMap<FastifyRequest, { span: Span; started: bigint }>();

  app.addHook('onRoute', (route) => {
    if (QUIET_ROUTES.has(route.url)) route.logLevel = 'warn';
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function handleInScope(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const active = spans.get(request);
      const parent = propagation.extract(ROOT_CONTEXT, request.headers);
      const traced = active ? trace.setSpan(parent, active.span) : parent;
      return runInRequestScope({ requestId: request.id, telemetry }, () =>
        context.with(traced, () => handler.call(this, request, reply)),
      );
    } as typeof route.handler;
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    metrics.requestStarted();
    const route = request.routeOptions.url ?? 'unmatched';
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route, 'cdc.service': telemetry.service, 'cdc.request_id': request.id },
      },
      propagation.extract(ROOT_CONTEXT, request.headers),
    );
    spans.set(request, { span, started: process.hrtime.bigint() });
    if (lifecycle?.draining && route === '/readyz') return reply.code(503).send(DRAINING);
    return undefined;
  });

  // Once draining, every answer closes its connection: clients reconnect through the load
  // balancer to another instance, and the listener's close is not held up by keep-alive sockets.
  app.addHook('onSend', async (_request, reply) => {
    if (lifecycle?.draining) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.requestEnded();
    const started = spans.get(request);
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    if (!started) return;
    metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started.started) / 1e9);
    started.span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) started.span.setStatus({ code: SpanStatusCode.ERROR });
    started.span.end();
  });

  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  if (options.readyz) app.get('/readyz', async () => ({ ready: true, checks: {} }));
  app.addHook('onClose', async () => telemetry.close());
}
