import { AgencyHttpError, errorsBody, fail } from './errors.ts';

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
        throw fail(
          'IDEMPOTENCY_KEY_REUSED',
          `La clé d'idempotence ${key} a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle demande.`,
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

const MAX_KEY_LENGTH = 200;

/** The `Idempotency-Key` header, required on every request that changes a dossier. */
export function idempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') {
    throw fail('IDEMPOTENCY_KEY_MISSING', `Ajoutez l'en-tête Idempotency-Key (1 à ${MAX_KEY_LENGTH} caractères), la même à chaque nouvel essai.`);
  }
  if (Array.isArray(header) || header.length > MAX_KEY_LENGTH) {
    throw fail('INVALID_PARAMETER', `Idempotency-Key doit être une seule valeur de 1 à ${MAX_KEY_LENGTH} caractères.`, 'Idempotency-Key');
  }
  return header;
}

/** Refusals are outcomes too: a replay of a refused request is refused the same way. */
export function asOutcome(produce: () => Outcome): Outcome {
  try {
    return produce();
  } catch (error) {
    if (error instanceof AgencyHttpError) return { status: error.status, body: errorsBody(error.body()) };
    throw error;
  }
}
