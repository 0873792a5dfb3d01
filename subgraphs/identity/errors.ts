import { GraphQLError } from 'graphql';

/** Why an input was refused; stable, for clients to branch on (`extensions.reason`). */
export type InputRefusal =
  | 'UNKNOWN_GRANTEE'
  | 'SCOPE_NOT_ALLOWED'
  | 'NO_SCOPE'
  | 'EXPIRY_IN_PAST'
  | 'EXPIRY_TOO_FAR'
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
