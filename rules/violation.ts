/** Why an input was refused, for clients to branch on (`extensions.reason`). */
export type InputReason = 'REQUIRED' | 'OUT_OF_RANGE' | 'INVALID_FORMAT' | 'NOT_A_MULTIPLE' | 'NOT_EXPECTED';

/**
 * A request a rule refuses (more points than the account holds…). The code is stable and the
 * message says what to change; subgraphs turn it into a GraphQL error with that code. An input
 * refused as such (`BAD_USER_INPUT`) names the input at fault, relative to the rule's own
 * arguments (`training`, `years`), and why.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
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
