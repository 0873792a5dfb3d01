import type { Logger } from './observability/logging.ts';

/** Whether the process still takes new work; `/readyz` reads it (see observability/fastify.ts). */
export class Lifecycle {
  #draining = false;

  get draining(): boolean {
    return this.#draining;
  }

  /** Readiness turns false: load balancers stop sending new requests. Cannot be undone. */
  startDraining(): void {
    this.#draining = true;
  }
}

export interface ShutdownSteps {
  lifecycle: Lifecycle;
  logger: Logger;
  /** Time for load balancers to see readiness false before the listener closes. */
  waitForBalancers: () => Promise<void>;
  /** In-flight requests right now, for the log. */
  inFlight?: () => number;
  /** Stops listening, waits for in-flight requests, then closes pools and connections (fastify's close). */
  close: () => Promise<void>;
  /** Upper bound on `close`, in ms: past it the process gives up waiting. */
  timeoutMs: number;
  /** Last, after close: flush traces. */
  flush?: () => Promise<void>;
}

export type ShutdownOutcome = 'clean' | 'timed_out' | 'failed';

/**
 * SIGTERM, in order: readiness off → wait for balancers → stop listening and drain in-flight
 * requests → close pools, Redis and PostgreSQL (the apps' onClose hooks) → flush traces.
 */
export async function shutDown(steps: ShutdownSteps): Promise<ShutdownOutcome> {
  const { lifecycle, logger } = steps;
  lifecycle.startDraining();
  logger.info('shutdown: readiness off');
  await steps.waitForBalancers();
  logger.info({ inFlight: steps.inFlight?.() }, 'shutdown: draining in-flight requests');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed_out'>((resolve) => {
    timer = setTimeout(() => resolve('timed_out'), steps.timeoutMs);
  });
  let outcome: ShutdownOutcome;
  try {
    outcome = await Promise.race([steps.close().then(() => 'clean' as const), timedOut]);
  } catch (error) {
    logger.error({ err: error }, 'shutdown: closing failed');
    outcome = 'failed';
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'timed_out') logger.error({ timeoutMs: steps.timeoutMs }, 'shutdown: in-flight requests did not finish in time');
  else if (outcome === 'clean') logger.info('shutdown: connections and pools closed');
  await steps.flush?.().catch((error: unknown) => logger.warn({ err: error }, 'shutdown: flushing traces failed'));
  logger.info({ outcome }, 'shutdown: stopped');
  return outcome;
}
