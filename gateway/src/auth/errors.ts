import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

import { isUnreachable } from '../../../common/error-shape.ts';
import { PlatformError, type ErrorCode } from '../../../contract/errors.ts';
import { SessionStoreUnavailableError } from '../session/store.ts';

/** The codes a login or logout fails with: each shown as a page in French and English (error-page.ts). */
export type AuthErrorCode = Extract<
  ErrorCode,
  | `LOGIN_${string}`
  | 'IDENTITY_PROVIDER_BAD_RESPONSE'
  | 'IDENTITY_PROVIDER_UNAVAILABLE'
  | 'CROSS_SITE_REQUEST_REFUSED'
  | 'SESSION_STORE_UNAVAILABLE'
>;

/** A failed login or logout: its catalogue code and status, and what caused it. */
export class AuthError extends PlatformError {
  override readonly name = 'AuthError';
  declare readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, options?: { cause?: unknown }) {
    super(code, { cause: options?.cause });
  }
}

/** Names what went wrong talking to FranceConnect (or the store); anything else is a bug and is rethrown. */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof SessionStoreUnavailableError) return new AuthError('SESSION_STORE_UNAVAILABLE', { cause: error });
  if (isUnreachable(error)) return new AuthError('IDENTITY_PROVIDER_UNAVAILABLE', { cause: error });
  if (error instanceof AuthorizationResponseError) return new AuthError('LOGIN_REFUSED_BY_PROVIDER', { cause: error });
  if (error instanceof ResponseBodyError) {
    if (error.error === 'invalid_grant') return new AuthError('LOGIN_CODE_REJECTED', { cause: error });
    return new AuthError(error.status >= 500 ? 'IDENTITY_PROVIDER_UNAVAILABLE' : 'IDENTITY_PROVIDER_BAD_RESPONSE', { cause: error });
  }
  if (error instanceof ClientError) {
    if (mismatchedClaim(error) === 'nonce') return new AuthError('LOGIN_NONCE_MISMATCH', { cause: error });
    if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && responseStatus(error) >= 500) {
      return new AuthError('IDENTITY_PROVIDER_UNAVAILABLE', { cause: error });
    }
    return new AuthError('IDENTITY_PROVIDER_BAD_RESPONSE', { cause: error });
  }
  throw error;
}

// openid-client keeps the claim it compared in the cause of its cause.
function mismatchedClaim(error: ClientError): unknown {
  const detail = (error.cause as { cause?: { claim?: unknown } } | undefined)?.cause;
  return detail?.claim;
}

/** The HTTP status of the unexpected response openid-client keeps as cause, or 0. */
function responseStatus(error: ClientError): number {
  const status = (error.cause as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : 0;
}
