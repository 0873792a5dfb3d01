import { fail, received } from './errors.ts';

export const FAULTS = ['down', 'slow', 'error_500', 'malformed_json', 'wrong_shape', 'reset_mid_body'] as const;
export type Fault = (typeof FAULTS)[number];

export interface ControlState {
  /** Added before every API answer, in milliseconds. */
  latency_ms: number;
  /** Up to this many more milliseconds, uniformly at random. */
  jitter_ms: number;
  fault: Fault | null;
}

export interface RequestStats {
  requests_total: number;
  /** By `METHOD /route` as the contract writes it (`GET /v1/dossiers/{id}/messages`). */
  requests_by_route: Record<string, number>;
}

/** How long the `slow` fault holds a request before answering: 120 s, longer than any client timeout. */
export const SLOW_FAULT_MS = 120_000;
/** Longest latency or jitter one can set: 10 minutes. */
const MAX_DELAY_MS = 600_000;

const DEFAULT_STATE: ControlState = { latency_ms: 0, jitter_ms: 0, fault: null };

/**
 * Test and benchmark control of one agency server: injected latency and faults, and request
 * counts. The same object backs `/__control` and the `control` property of a built server.
 */
export class AgencyControl {
  #state: ControlState = { ...DEFAULT_STATE };
  #total = 0;
  #byRoute = new Map<string, number>();
  readonly #holds = new Set<() => void>();

  get state(): ControlState {
    return { ...this.#state };
  }

  /** Changes some of latency, jitter and fault; returns the new state. */
  set(patch: Partial<ControlState>): ControlState {
    this.#state = { ...this.#state, ...parseControlPatch(patch) };
    return this.state;
  }

  reset(): ControlState {
    this.#state = { ...DEFAULT_STATE };
    return this.state;
  }

  stats(): RequestStats {
    return { requests_total: this.#total, requests_by_route: Object.fromEntries(this.#byRoute) };
  }

  resetStats(): void {
    this.#total = 0;
    this.#byRoute.clear();
  }

  count(route: string): void {
    this.#total += 1;
    this.#byRoute.set(route, (this.#byRoute.get(route) ?? 0) + 1);
  }

  /** The delay to add to the next answer, in milliseconds. */
  nextDelay(): number {
    const { latency_ms, jitter_ms } = this.#state;
    return latency_ms + (jitter_ms > 0 ? Math.random() * jitter_ms : 0);
  }

  /**
   * Waits `ms`, or less if the server closes or the client goes away meanwhile: a held request
   * must never keep a server from shutting down, nor outlive its client.
   */
  hold(ms: number, clientGone?: AbortSignal): Promise<'elapsed' | 'released'> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.#holds.delete(release);
        clientGone?.removeEventListener('abort', release);
        resolve('released');
      };
      const timer = setTimeout(() => {
        this.#holds.delete(release);
        clientGone?.removeEventListener('abort', release);
        resolve('elapsed');
      }, ms);
      this.#holds.add(release);
      clientGone?.addEventListener('abort', release, { once: true });
    });
  }

  /** Ends every hold at once (the server is closing). */
  releaseAll(): void {
    for (const release of [...this.#holds]) release();
  }
}

/** Checks a control change, from `PUT /__control` or from code; unknown fields are refused so typos show. */
export function parseControlPatch(body: unknown): Partial<ControlState> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw fail('INVALID_PARAMETER', `Le corps doit être un objet JSON avec latency_ms, jitter_ms ou fault (reçu : ${received(body)}).`, 'body');
  }
  const patch: Partial<ControlState> = {};
  for (const [field, value] of Object.entries(body)) {
    if (field === 'latency_ms' || field === 'jitter_ms') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS) {
        throw fail('INVALID_PARAMETER', `${field} doit être un entier de 0 à ${MAX_DELAY_MS} millisecondes (reçu : ${received(value)}).`, field);
      }
      patch[field] = value;
    } else if (field === 'fault') {
      if (value !== null && !FAULTS.includes(value as Fault)) {
        throw fail('INVALID_PARAMETER', `fault doit valoir null ou l'un de ${FAULTS.join(', ')} (reçu : ${received(value)}).`, field);
      }
      patch.fault = value as Fault | null;
    } else {
      throw fail('INVALID_PARAMETER', `Champ inconnu ${field} : seuls latency_ms, jitter_ms et fault se règlent.`, field);
    }
  }
  return patch;
}
