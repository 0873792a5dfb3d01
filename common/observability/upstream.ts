import { subscribe } from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode, context, propagation, trace, type Span } from '@opentelemetry/api';
import { isConnectionError, isTimeout } from '../error-shape.ts';
import { REQUEST_ID_HEADER } from './logging.ts';
import type { Metrics } from './metrics.ts';
import { currentRequestScope } from './request-scope.ts';
import type { Peer } from './telemetry.ts';
import { tracer } from './tracing.ts';

/**
 * Every call made with undici (the gateway's subgraph pool, the subgraphs' agency pools) is
 * published on Node's diagnostics channels. Listening there measures, traces and tags the
 * calls to known peers without touching the clients, whatever retries or breakers wrap them.
 */

interface UndiciRequest {
  origin: string | URL;
  method: string;
  addHeader(name: string, value: string): unknown;
}

interface Call {
  peer: Peer;
  metrics: Metrics;
  span: Span;
  started: bigint;
  status?: number;
}

const calls = new WeakMap<object, Call>();
let observing = false;

export type UpstreamOutcome = 'ok' | 'http_4xx' | 'http_5xx' | 'timeout' | 'connection' | 'error';

/** Subscribes once per process; calls made outside a request scope, or to unknown peers, are left alone. */
export function observeUpstreamCalls(): void {
  if (observing) return;
  observing = true;
  subscribe('undici:request:create', (message) => onCreate((message as { request: UndiciRequest }).request));
  subscribe('undici:request:headers', (message) => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const call = calls.get(request);
    if (call) call.status = response.statusCode;
  });
  subscribe('undici:request:trailers', (message) => finish((message as { request: object }).request));
  subscribe('undici:request:error', (message) => {
    const { request, error } = message as { request: object; error: unknown };
    finish(request, error);
  });
}

function onCreate(request: UndiciRequest): void {
  const scope = currentRequestScope();
  if (!scope) return;
  const origin = typeof request.origin === 'string' ? request.origin.replace(/\/$/, '') : request.origin.origin;
  const peer = scope.telemetry.peerAt(origin);
  if (!peer) return;
  request.addHeader(REQUEST_ID_HEADER, scope.requestId);
  const parent = context.active();
  const span = tracer.startSpan(
    `${request.method} ${peer.kind} ${peer.name}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': request.method,
        'server.address': origin,
        'peer.service': peer.name,
        'cdc.peer.kind': peer.kind,
        'cdc.service': scope.telemetry.service,
      },
    },
    parent,
  );
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  for (const [name, value] of Object.entries(carrier)) request.addHeader(name, value);
  calls.set(request, { peer, metrics: scope.telemetry.metrics, span, started: process.hrtime.bigint() });
}

function finish(request: object, error?: unknown): void {
  const call = calls.get(request);
  if (!call) return;
  calls.delete(request);
  const outcome = error === undefined ? outcomeOf(call.status ?? 0) : failureOf(error);
  const labels = { peer_kind: call.peer.kind, peer: call.peer.name };
  call.metrics.upstreamDuration.observe(labels, Number(process.hrtime.bigint() - call.started) / 1e9);
  call.metrics.upstreamRequests.inc({ ...labels, outcome });
  const failed = outcome !== 'ok' && outcome !== 'http_4xx';
  if (failed) call.metrics.upstreamErrors.inc({ ...labels, reason: outcome });
  if (call.status !== undefined) call.span.setAttribute('http.response.status_code', call.status);
  if (failed) call.span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
  call.span.end();
}

function outcomeOf(status: number): UpstreamOutcome {
  if (status >= 500) return 'http_5xx';
  if (status >= 400) return 'http_4xx';
  return 'ok';
}

function failureOf(error: unknown): UpstreamOutcome {
  if (isTimeout(error)) return 'timeout';
  if (isConnectionError(error)) return 'connection';
  return 'error';
}
