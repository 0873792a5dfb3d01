import { PlatformError, type ErrorCode } from '../../contract/errors.ts';

import type { AgencyName } from '../../contract/agencies.ts';

export type { AgencyName } from '../../contract/agencies.ts';

/**
 * An agency could not give a usable answer. The code says which way it failed; `cause`
 * keeps the underlying error for logs. Reaches clients as a GraphQL error with
 * `extensions.code` and `extensions.agency`.
 */
export class AgencyError extends PlatformError {
  override readonly name = 'AgencyError';
  /** A failure that may not happen again (connection lost, 5xx, 429): an idempotent call may be retried. */
  readonly transient: boolean;

  constructor(
    code: Extract<ErrorCode, 'AGENCY_TIMEOUT' | 'AGENCY_UNAVAILABLE' | 'AGENCY_BAD_RESPONSE'>,
    readonly agency: AgencyName,
    message: string,
    options?: { cause?: unknown; transient?: boolean },
  ) {
    super(code, { message, cause: options?.cause, details: { agency } });
    this.transient = options?.transient ?? false;
  }
}

/**
 * A business refusal by the agency (insufficient balance, closed session…) in the agency's own
 * terms: kept as the `cause` of the platform's coded error, never shown as it is.
 */
export class AgencyRefusal extends Error {
  override readonly name = 'AgencyRefusal';
  constructor(
    readonly agencyCode: string,
    readonly agency: AgencyName,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
