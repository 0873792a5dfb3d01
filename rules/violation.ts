import type { ErrorCode, InputReason } from '../contract/errors.ts';

/**
 * A request a rule refuses (more points than the account holds…). The code is the catalogue's
 * and the message says what to change; an input out of bounds also names its field and why.
 * Subgraphs turn it into a GraphQL error with that code.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly input?: { field: string; reason: InputReason },
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}
