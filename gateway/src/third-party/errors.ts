/** Why a third party's request was refused before any data was read. Codes are stable. */
export const THIRD_PARTY_ERRORS = {
  /** Bad signature, issuer, audience, type, expiry; an unregistered client; scopes beyond its registration. */
  INVALID_TOKEN: { status: 401 },
  /** The provider's discovery or keys could not be fetched: not the caller's fault. */
  IDENTITY_PROVIDER_UNAVAILABLE: { status: 503 },
  /** The caller's consents could not be read, so nothing can be allowed. */
  CONSENTS_UNAVAILABLE: { status: 503 },
  /** What was read could not be journaled, so it is not returned. */
  AUDIT_UNAVAILABLE: { status: 503 },
} as const;

export type ThirdPartyErrorCode = keyof typeof THIRD_PARTY_ERRORS;

export class ThirdPartyError extends Error {
  override readonly name = 'ThirdPartyError';
  readonly status: number;
  constructor(
    readonly code: ThirdPartyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = THIRD_PARTY_ERRORS[code].status;
  }
}
