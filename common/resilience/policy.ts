import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  bulkhead,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { reportBreakerState, type BreakerState } from '../observability/circuit-breaker.ts';
import type { Peer } from '../observability/telemetry.ts';
import { remainingBudget } from './budget.ts';

/** Why a call was refused without being made. */
export type Rejection = 'circuit-open' | 'overloaded';

export interface CallPolicySettings {
  /** Attempts after the first, for idempotent calls that failed transiently; 0: never retried. */
  retries: number;
  /** Backoff between attempts: exponential from `initialMs`, capped at `maxMs`, with decorrelated jitter. */
  backoff: { initialMs: number; maxMs: number };
  /** Consecutive failures that open the circuit. */
  circuitFailures: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  halfOpenAfterMs: number;
  /** Calls in flight at once; more wait in a queue of `maxQueued`, and beyond it are refused at once. */
  maxConcurrent: number;
  maxQueued: number;
}

export interface CallPolicyOptions extends CallPolicySettings {
  /** The system called: its circuit's state is reported under this name (`circuit_breaker_state`). */
  peer: Peer;
  /** A failure worth another attempt: connection error, 5xx, 429. Never a timeout or a bad answer. */
  isTransient(error: unknown): boolean;
  /** A failure that counts against the circuit: transient ones and timeouts. */
  isFailure(error: unknown): boolean;
  /** The error thrown for a call refused without being made. */
  rejection(reason: Rejection): Error;
}

export interface CallPolicy {
  /**
   * Runs `call` within the concurrency limit and the circuit. Only an `idempotent` call is made
   * again, and only after a transient failure, while the request's budget still has room.
   */
  execute<T>(call: () => Promise<T>, options: { idempotent: boolean }): Promise<T>;
  readonly circuit: BreakerState;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

/**
 * Retry, circuit breaker and bulkhead (cockatiel) for the calls to one downstream system.
 * The bulkhead is outermost, so retries hold their slot; the breaker is innermost, so every
 * attempt counts, and a call meeting an open circuit fails at once, costing no time.
 */
export function createCallPolicy(options: CallPolicyOptions): CallPolicy {
  const breaker = circuitBreaker(handleWhen(options.isFailure), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.circuitFailures),
  });
  // Every app calling this peer shows the change in its metrics (common/observability/telemetry.ts).
  breaker.onStateChange((state) => reportBreakerState({ kind: options.peer.kind, peer: options.peer.name, state: STATE_NAMES[state] }));
  const limit = bulkhead(options.maxConcurrent, options.maxQueued);
  // A retry is worth it only if, after the longest backoff, an attempt still has time to answer.
  const worthRetrying = (error: Error) =>
    options.isTransient(error) && (remainingBudget() ?? Number.POSITIVE_INFINITY) > options.backoff.maxMs * 2;
  const retrying = retry(handleWhen(worthRetrying), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: options.backoff.initialMs, maxDelay: options.backoff.maxMs }),
  });
  const idempotent: IPolicy = wrap(limit, retrying, breaker);
  const once: IPolicy = wrap(limit, breaker);

  return {
    async execute(call, { idempotent: canRepeat }) {
      try {
        return await (canRepeat ? idempotent : once).execute(() => call());
      } catch (error) {
        if (isBrokenCircuitError(error)) throw options.rejection('circuit-open');
        if (isBulkheadRejectedError(error)) throw options.rejection('overloaded');
        throw error;
      }
    },
    get circuit() {
      return STATE_NAMES[breaker.state];
    },
  };
}
