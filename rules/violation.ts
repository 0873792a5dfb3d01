/**
 * A request a rule refuses (more points than the account holds…). The code is stable and the
 * message says what to change; subgraphs turn it into a GraphQL error with that code.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}
