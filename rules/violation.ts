import type { ErrorCode, InputReason } from '../contract/errors.ts';

/**
 * A request a rule refuses (more points than the account holds…). The code is the catalogue's and
 * the message says what to change; subgraphs turn it into a GraphQL error with that code. An input
 * refused as such (`BAD_USER_INPUT`) names the input at fault, relative to the rule's own
 * arguments (`training`, `years`), and why.
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

/** An input the rule cannot work with: `BAD_USER_INPUT`, the input at fault and why. */
export function badRuleInput(field: string, reason: InputReason, message: string): RuleViolation {
  return new RuleViolation('BAD_USER_INPUT', message, { field, reason });
}
