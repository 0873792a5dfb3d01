import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds, from 5 ms to 10 s: a cached read to an agency at its time budget. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names are chosen by clients. Where the operations in use are known (the gateway's
 * persisted operations) only those get a label; elsewhere past this many distinct names, or a
 * name longer than this, the rest share one label, so /metrics stays small whatever clients send.
 */
const MAX_OPERATION_NAMES = 200;
const MAX_OPERATION_NAME_LENGTH = 64;
export const OTHER_OPERATIONS = '__other';
export const ANONYMOUS_OPERATION = '__anonymous';

export type BreakerState = 'closed' | 'half_open' | 'open';
/** Gauge values of `circuit_breaker_state`. */
export const BREAKER_STATE_VALUE: Readonly<Record<BreakerState, number>> = { closed: 0, half_open: 1, open: 2 };

/**
 * One app's Prometheus metrics, in its own registry (several apps share a process under
 * `npm start` and in tests; each answers `/metrics` for itself).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_server_requests_total',
    help: 'HTTP requests served, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Time to serve an HTTP request, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly httpInFlight = new Gauge({
    name: 'http_server_requests_in_flight',
    help: 'HTTP requests being served now.',
    registers: [this.registry],
  });

  readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations executed, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly operationErrors = new Counter({
    name: 'graphql_operation_errors_total',
    help: 'Errors in GraphQL answers, by operation name and error code (AGENCY_TIMEOUT, SUBGRAPH_UNAVAILABLE…).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly upstreamRequests = new Counter({
    name: 'upstream_requests_total',
    help: 'Calls to a subgraph (from the gateway) or an agency (from a subgraph), by peer and outcome.',
    labelNames: ['peer_kind', 'peer', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Time of a call to a subgraph or an agency, to its last byte or failure.',
    labelNames: ['peer_kind', 'peer'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly upstreamErrors = new Counter({
    name: 'upstream_errors_total',
    help: 'Failed calls to a subgraph or an agency: 5xx, timeout or connection failure.',
    labelNames: ['peer_kind', 'peer', 'reason'] as const,
    registers: [this.registry],
  });

  readonly breakerState = new Gauge({
    name: 'circuit_breaker_state',
    help: 'State of the circuit breaker in front of a peer: 0 closed, 1 half-open, 2 open.',
    labelNames: ['peer_kind', 'peer'] as const,
    registers: [this.registry],
  });

  readonly sessionStoreErrors = new Counter({
    name: 'session_store_errors_total',
    help: 'Session store operations that failed (Redis unreachable, timed out…), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly sessionStoreConnectionErrors = new Counter({
    name: 'session_store_connection_errors_total',
    help: 'Errors reported by the session store connection itself (lost, refused, reconnecting).',
    registers: [this.registry],
  });

  readonly #operationNames = new Set<string>();
  #inFlight = 0;

  /** HTTP requests being served now (what shutdown waits for). */
  get inFlight(): number {
    return this.#inFlight;
  }

  requestStarted(): void {
    this.#inFlight += 1;
    this.httpInFlight.inc();
  }

  requestEnded(): void {
    this.#inFlight -= 1;
    this.httpInFlight.dec();
  }

  constructor(options: { processMetrics?: boolean } = {}) {
    // Process metrics (CPU, memory, event loop) once per process, by its entry point.
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** The label for an operation name: one of `known` when given, else bounded in number and length. */
  operationLabel(name: string | null | undefined, known?: ReadonlySet<string>): string {
    if (!name) return ANONYMOUS_OPERATION;
    if (known) return known.has(name) ? name : OTHER_OPERATIONS;
    if (this.#operationNames.has(name)) return name;
    if (this.#operationNames.size >= MAX_OPERATION_NAMES || name.length > MAX_OPERATION_NAME_LENGTH) return OTHER_OPERATIONS;
    this.#operationNames.add(name);
    return name;
  }
}
