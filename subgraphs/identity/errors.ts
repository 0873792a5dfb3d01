import { GraphQLError } from 'graphql';
import { DatabaseError } from './store/database.ts';

/** Why an input was refused; stable, for clients to branch on (`extensions.reason`). */
export type InputRefusal =
  | 'UNKNOWN_GRANTEE'
  | 'SCOPE_NOT_ALLOWED'
  | 'NO_SCOPE'
  | 'EXPIRY_IN_PAST'
  | 'EXPIRY_TOO_FAR'
  | 'INVALID_DURATION'
  | 'INVALID_PURPOSE'
  | 'CONSENT_ALREADY_ACTIVE'
  | 'CONSENT_NOT_FOUND'
  | 'INVALID_PAGE';

/** A refused input: `BAD_USER_INPUT`, the argument at fault, and a message that says what to send instead. */
export function badInput(reason: InputRefusal, argument: string, message: string, options?: { cause?: unknown }): GraphQLError {
  return new GraphQLError(message, {
    originalError: options?.cause instanceof Error ? options.cause : undefined,
    extensions: { code: 'BAD_USER_INPUT', reason, argument },
  });
}

/**
 * The one answer for a person the caller may not read, whether or not they exist: the same
 * message and code, decided from the caller's grants alone, before any lookup.
 */
export function personNotFound(): GraphQLError {
  return new GraphQLError('No person with this id is available to you.', { extensions: { code: 'NOT_FOUND' } });
}

/**
 * What the citizen's consent and journal features answer while PostgreSQL cannot: the same codes
 * third parties get at the gateway for the same stores, so clients branch on one code per store.
 */
const STORE_UNAVAILABLE = {
  consents: { code: 'CONSENTS_UNAVAILABLE', message: 'Consents cannot be read or changed for a moment; try again shortly.' },
  journal: { code: 'AUDIT_UNAVAILABLE', message: 'The access journal cannot be read for a moment; try again shortly.' },
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
    throw new GraphQLError(message, { originalError: error, extensions: { code } });
  }
}
