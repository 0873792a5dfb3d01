import { GraphQLError } from 'graphql';

import type { AgencyName } from '../../contract/agencies.ts';

export type { AgencyName } from '../../contract/agencies.ts';

export type AgencyErrorCode = 'AGENCY_TIMEOUT' | 'AGENCY_UNAVAILABLE' | 'AGENCY_BAD_RESPONSE';

/**
 * An agency could not give a usable answer. The code says which way it failed; `cause`
 * keeps the underlying error for logs. Reaches clients as a GraphQL error with
 * `extensions.code` and `extensions.agency`.
 */
export class AgencyError extends Error {
  /** A failure that may not happen again (connection lost, 5xx, 429): an idempotent call may be retried. */
  readonly transient: boolean;

  constructor(
    readonly code: AgencyErrorCode,
    readonly agency: AgencyName,
    message: string,
    options?: { cause?: unknown; transient?: boolean },
  ) {
    super(message, options);
    this.name = 'AgencyError';
    this.transient = options?.transient ?? false;
  }
}

/** A business refusal by the agency (insufficient balance, closed session…), with its own code. */
export class AgencyRefusal extends Error {
  constructor(
    readonly code: string,
    readonly agency: AgencyName,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'AgencyRefusal';
  }
}

/** The caller's token does not allow reading this person or this section. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
