import { GraphQLError } from 'graphql';
import { RuleViolation, type InputReason } from '../../rules/violation.ts';
import type { AgencyName } from './errors.ts';

export type { InputReason } from '../../rules/violation.ts';

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

/**
 * A refused input, in the one shape every input error has: `BAD_USER_INPUT`, `field` the dotted
 * path of the argument or input field at fault (`input.grossPay`), `reason` why, and a message
 * that says what to send instead.
 */
export function inputError(
  field: string,
  reason: InputReason,
  message: string,
  options: { agency?: AgencyName; cause?: unknown } = {},
): GraphQLError {
  return new GraphQLError(message, {
    originalError: options.cause instanceof Error ? options.cause : undefined,
    extensions: { code: 'BAD_USER_INPUT', field, reason, ...(options.agency ? { agency: options.agency } : {}) },
  });
}

/**
 * Runs a rule; a refusal becomes a coded GraphQL error. A refused input is named from the
 * argument the rule's inputs came in (`uses` + `retirement` → `uses.retirement`).
 */
export function applyRule<T>(run: () => T, argument?: string): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    if (error.input) {
      const field = [argument, error.input.field].filter(Boolean).join('.');
      throw inputError(field, error.input.reason, error.message, { cause: error });
    }
    throw actionError(error.code, error.message, { cause: error });
  }
}
