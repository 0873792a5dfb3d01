import { z } from 'zod';
import { milliseconds } from '../../common/config.ts';
import { isConnectionError, isTimeout } from '../../common/error-shape.ts';
import { createCallPolicy, type CallPolicy, type CallPolicySettings, type Rejection } from '../../common/resilience/policy.ts';

/** How the gateway treats its subgraphs, and how long one GraphQL request may take in all. */
export interface GatewayResilience {
  /** Budget of a whole GraphQL request, every subgraph call included (query plans call in sequence). */
  requestBudgetMs: number;
  subgraphs: CallPolicySettings;
}

export const DEFAULT_GATEWAY_RESILIENCE: GatewayResilience = {
  requestBudgetMs: 10_000, // 10 s
  subgraphs: {
    retries: 1,
    backoff: { initialMs: 25, maxMs: 200 }, // 25 ms, doubling, at most 200 ms
    circuitFailures: 5,
    halfOpenAfterMs: 5_000, // 5 s
    maxConcurrent: 128, // the dispatcher's connections per subgraph
    maxQueued: 512,
  },
};

/** A subgraph call refused without being made: its circuit is open or its queue is full. */
export class SubgraphRejection extends Error {
  override readonly name = 'SubgraphRejection';
  constructor(readonly reason: Rejection) {
    super(reason);
  }
}

/** A subgraph answered with an HTTP status other than 2xx. */
export class SubgraphHttpError extends Error {
  override readonly name = 'SubgraphHttpError';
  constructor(
    readonly subgraph: string,
    readonly status: number,
  ) {
    super(`the ${subgraph} subgraph answered HTTP ${status}`);
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof SubgraphHttpError) return error.status >= 500 || error.status === 429;
  return !isTimeout(error) && isConnectionError(error);
}

/** The circuit, retries (queries only) and concurrency limit of one subgraph. */
export function createSubgraphPolicy(subgraph: string, settings: CallPolicySettings): CallPolicy {
  return createCallPolicy({
    ...settings,
    peer: { kind: 'subgraph', name: subgraph },
    isTransient,
    isFailure: (error) => isTransient(error) || isTimeout(error),
    rejection: (reason) => new SubgraphRejection(reason),
  });
}

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const { subgraphs: defaults } = DEFAULT_GATEWAY_RESILIENCE;

/** The variables of the gateway's resilience (README, Configuration), part of its configuration (config.ts). */
export const gatewayResilienceEnv = {
  REQUEST_BUDGET_MS: milliseconds(DEFAULT_GATEWAY_RESILIENCE.requestBudgetMs),
  SUBGRAPH_RETRIES: count(defaults.retries),
  SUBGRAPH_CIRCUIT_FAILURES: count(defaults.circuitFailures).pipe(z.number().positive()),
  SUBGRAPH_CIRCUIT_HALF_OPEN_MS: milliseconds(defaults.halfOpenAfterMs),
  SUBGRAPH_MAX_CONCURRENCY: count(defaults.maxConcurrent).pipe(z.number().positive()),
  SUBGRAPH_MAX_QUEUE: count(defaults.maxQueued),
};

/** The settings from a configuration read with `gatewayResilienceEnv`. */
export function gatewayResilienceFrom(config: z.infer<z.ZodObject<typeof gatewayResilienceEnv>>): GatewayResilience {
  return {
    requestBudgetMs: config.REQUEST_BUDGET_MS,
    subgraphs: {
      retries: config.SUBGRAPH_RETRIES,
      backoff: defaults.backoff,
      circuitFailures: config.SUBGRAPH_CIRCUIT_FAILURES,
      halfOpenAfterMs: config.SUBGRAPH_CIRCUIT_HALF_OPEN_MS,
      maxConcurrent: config.SUBGRAPH_MAX_CONCURRENCY,
      maxQueued: config.SUBGRAPH_MAX_QUEUE,
    },
  };
}
