import { PlatformError } from '../../contract/errors.ts';
import { DatabaseError } from '../../common/database.ts';

/**
 * The one answer for a person the caller may not read, whether or not they exist: the same
 * message and code, decided from the caller's grants alone, before any lookup.
 */
export function personNotFound(): PlatformError {
  return new PlatformError('NOT_FOUND', { message: 'No person with this id is available to you.' });
}

/**
 * What the citizen's consent and journal features answer while PostgreSQL cannot: the same codes
 * third parties get at the gateway for the same stores, so clients branch on one code per store.
 */
const STORE_UNAVAILABLE = {
  consents: { code: 'CONSENTS_UNAVAILABLE', message: 'Consents cannot be read or changed for a moment; try again shortly.' },
  journal: { code: 'AUDIT_UNAVAILABLE', message: 'The access journal cannot be read for a moment; try again shortly.' },
  declarations: { code: 'DECLARATIONS_UNAVAILABLE', message: 'Declarations cannot be read or made for a moment; try again shortly.' },
} as const;

/**
 * Runs a call to a store: a database that fails (down, too slow, refusing) becomes the store's
 * coded error, with the database error kept as its cause for logs and never shown; anything
 * else (a refused input) goes on as it is.
 */
export async function fromStore<T>(store: keyof typeof STORE_UNAVAILABLE, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    const { code, message } = STORE_UNAVAILABLE[store];
    throw new PlatformError(code, { message, cause: error });
  }
}
