import { AsyncLocalStorage } from 'node:async_hooks';
import type { Telemetry } from './telemetry.ts';

/** What the code running for one incoming request knows about it, wherever it runs (loaders, pools). */
export interface RequestScope {
  /** Carried to every platform peer in `x-request-id` and named in every log line. */
  requestId: string;
  /** The app serving the request: its logger, metrics and peers. */
  telemetry: Telemetry;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The scope of the request being served, if any (none at start, in timers of no request…). */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}
