import { GraphQLError } from 'graphql';
import { RuleViolation } from '../../rules/violation.ts';
import type { AgencyName } from './errors.ts';

/**
 * A refused action or simulation, as the client sees it: a stable `extensions.code`, a message
 * saying what to fix, the agency when one refused, and the underlying error kept for logs.
 */
export function actionError(code: string, message: string, options: { agency?: AgencyName; cause?: unknown } = {}): GraphQLError {
  return new GraphQLError(message, {
    originalError: options.cause instanceof Error ? options.cause : undefined,
    extensions: options.agency ? { code, agency: options.agency } : { code },
  });
}

/** Runs a rule; a refusal becomes a coded GraphQL error. */
export function applyRule<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RuleViolation) throw actionError(error.code, error.message, { cause: error });
    throw error;
  }
}
