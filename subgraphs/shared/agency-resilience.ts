import { z } from 'zod';
import { milliseconds } from '../../common/config.ts';
import { createCallPolicy, type CallPolicy, type CallPolicySettings } from '../../common/resilience/policy.ts';
import { AgencyError, type AgencyName } from './errors.ts';

/** Defaults for the calls to one agency; each can be set per deployment (README, Configuration). */
export const DEFAULT_AGENCY_RESILIENCE: CallPolicySettings = {
  retries: 1,
  backoff: { initialMs: 50, maxMs: 400 }, // 50 ms, doubling, at most 400 ms
  circuitFailures: 5,
  halfOpenAfterMs: 10_000, // 10 s
  maxConcurrent: 64, // the pool's keep-alive connections
  maxQueued: 256,
};

/**
 * The circuit, retries and concurrency limit of one agency. A timeout counts against the
 * circuit but is not retried (the agency is slow: asking again would only wait twice); a bad
 * answer neither (the agency answered fast, and the same question gets the same answer).
 */
export function createAgencyPolicy(agency: AgencyName, settings: Partial<CallPolicySettings> = {}): CallPolicy {
  return createCallPolicy({
    ...DEFAULT_AGENCY_RESILIENCE,
    ...settings,
    peer: { kind: 'agency', name: agency },
    isTransient: (error) => error instanceof AgencyError && error.transient,
    isFailure: (error) => error instanceof AgencyError && (error.transient || error.code === 'AGENCY_TIMEOUT'),
    rejection: (reason) =>
      new AgencyError(
        'AGENCY_UNAVAILABLE',
        agency,
        reason === 'circuit-open'
          ? `${agency} is temporarily unavailable: after repeated failures, calls to it are paused for a moment`
          : `${agency} is temporarily unavailable: too many calls to it are already waiting`,
      ),
  });
}

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** The variables of the agency calls' resilience (README, Configuration): each agency subgraph and `npm start` read them. */
export const agencyResilienceEnv = {
  AGENCY_RETRIES: count(DEFAULT_AGENCY_RESILIENCE.retries),
  AGENCY_CIRCUIT_FAILURES: count(DEFAULT_AGENCY_RESILIENCE.circuitFailures).pipe(z.number().positive()),
  AGENCY_CIRCUIT_HALF_OPEN_MS: milliseconds(DEFAULT_AGENCY_RESILIENCE.halfOpenAfterMs),
  AGENCY_MAX_CONCURRENCY: count(DEFAULT_AGENCY_RESILIENCE.maxConcurrent).pipe(z.number().positive()),
  AGENCY_MAX_QUEUE: count(DEFAULT_AGENCY_RESILIENCE.maxQueued),
};

/** The settings from a configuration read with `agencyResilienceEnv`. */
export function agencyResilienceFrom(config: z.infer<z.ZodObject<typeof agencyResilienceEnv>>): CallPolicySettings {
  return {
    retries: config.AGENCY_RETRIES,
    backoff: DEFAULT_AGENCY_RESILIENCE.backoff,
    circuitFailures: config.AGENCY_CIRCUIT_FAILURES,
    halfOpenAfterMs: config.AGENCY_CIRCUIT_HALF_OPEN_MS,
    maxConcurrent: config.AGENCY_MAX_CONCURRENCY,
    maxQueued: config.AGENCY_MAX_QUEUE,
  };
}
