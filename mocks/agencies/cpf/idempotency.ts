import { cpfError } from './errors.ts';

/** What an idempotent request answered the first time. */
export interface Outcome {
  status: number;
  body: unknown;
}

/** Keys kept per server before the oldest are forgotten, so a long benchmark cannot exhaust memory. */
export const MAX_IDEMPOTENCY_KEYS = 100_000;

/**
 * Remembers the outcome of each `Idempotency-Key`: a replay gets the first outcome, a concurrent
 * duplicate waits for it (the entry exists before the work starts), and the same key with another
 * request is refused.
 */
export class IdempotencyKeys {
  readonly #entries = new Map<string, { fingerprint: string; outcome: Promise<Outcome> }>();

  run(key: string, fingerprint: string, produce: () => Outcome): { replayed: boolean; outcome: Promise<Outcome> } {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      if (existing.fingerprint !== fingerprint) {
        throw cpfError(
          'IDEMPOTENCY_KEY_REUSED',
          `La clé d'idempotence ${key} a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle inscription.`,
        );
      }
      return { replayed: true, outcome: existing.outcome };
    }
    const outcome = Promise.resolve().then(produce);
    this.#entries.set(key, { fingerprint, outcome });
    // A failure that is not an answer (a bug) is not remembered: a retry runs again.
    outcome.catch(() => this.#entries.delete(key));
    if (this.#entries.size > MAX_IDEMPOTENCY_KEYS) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
    return { replayed: false, outcome };
  }
}
