import { badUserInput, PlatformError, type ErrorCode } from '../../contract/errors.ts';
import { RuleViolation } from '../../rules/violation.ts';
import type { AgencyName, AgencyRefusal } from './errors.ts';

/**
 * A refused action or simulation, as the client sees it: a code of the catalogue, a message
 * saying what to fix, the agency when one refused, and the underlying error kept for logs.
 */
export function actionError(code: ErrorCode, message: string, options: { agency?: AgencyName; cause?: unknown } = {}): PlatformError {
  return new PlatformError(code, { message, cause: options.cause, details: options.agency ? { agency: options.agency } : undefined });
}

/** The agency refused an input the platform had let through: the field, and the agency's own words. */
export function refusedByAgency(field: string, message: string, refusal: AgencyRefusal): PlatformError {
  return badUserInput(field, 'REFUSED_BY_AGENCY', message, { cause: refusal, details: { agency: refusal.agency } });
}

/**
 * Runs a rule; a refusal becomes a coded error. A refused input is named from the argument the
 * rule's inputs came in (`uses` + `retirement` → `uses.retirement`).
 */
export function applyRule<T>(run: () => T, argument?: string): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    if (error.input) {
      const field = [argument, error.input.field].filter(Boolean).join('.');
      throw badUserInput(field, error.input.reason, error.message, { cause: error });
    }
    throw actionError(error.code, error.message, { cause: error });
  }
}
