import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time budget of the request being served: a deadline set once where the request enters
 * (the gateway's `/graphql`, a subgraph's `/graphql`) and read by every call made on its
 * behalf, however deep, so that no call, retry or backoff outlives the request that wanted it.
 * It travels with the async context rather than through every signature.
 */
const deadlines = new AsyncLocalStorage<number>();

/** Header by which the gateway tells a subgraph how many milliseconds are left (internal calls only). */
export const BUDGET_HEADER = 'x-cdc-budget-ms';

/** Runs `work` with a deadline `budgetMs` from now; an enclosing, earlier deadline still applies. */
export function withinBudget<T>(budgetMs: number, work: () => T): T {
  const outer = deadlines.getStore();
  const deadline = Date.now() + budgetMs;
  return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work);
}

/** Milliseconds left to the current request, or undefined outside of one. Never negative. */
export function remainingBudget(): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
}

/** The time one call may take: its own limit, cut to what is left of the request's budget. */
export function callTimeout(callLimitMs: number): number {
  const remaining = remainingBudget();
  return remaining === undefined ? callLimitMs : Math.min(callLimitMs, remaining);
}

/** A budget received in BUDGET_HEADER: a positive integer, at most `capMs`; anything else gives `capMs`. */
export function budgetFromHeader(value: string | string[] | undefined, capMs: number): number {
  const ms = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  return ms > 0 ? Math.min(ms, capMs) : capMs;
}

/** Wraps a request handler so that everything it starts runs within the budget it is given. */
export function budgeted<This, A extends unknown[], T>(handler: (this: This, ...args: A) => T, budgetMs: number | ((...args: A) => number)) {
  return function (this: This, ...args: A): T {
    return withinBudget(typeof budgetMs === 'number' ? budgetMs : budgetMs(...args), () => handler.apply(this, args));
  };
}
