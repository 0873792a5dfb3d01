import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

import { SessionStoreUnavailableError } from '../session/store.ts';

/** Every way a login or logout can fail, with the page the person sees. Codes are stable. */
export const AUTH_ERRORS = {
  LOGIN_NOT_PENDING: {
    status: 400,
    fr: 'Aucune connexion en cours : elle a expiré ou s’est déjà terminée. Recommencez.',
    en: 'No sign-in in progress: it expired or already completed. Please start again.',
  },
  LOGIN_STATE_MISMATCH: {
    status: 400,
    fr: 'La réponse de FranceConnect ne correspond pas à la connexion demandée. Recommencez.',
    en: 'The FranceConnect response does not match the sign-in that was requested. Please start again.',
  },
  LOGIN_NONCE_MISMATCH: {
    status: 400,
    fr: 'Le jeton d’identité ne correspond pas à la connexion demandée. Recommencez.',
    en: 'The ID token does not match the sign-in that was requested. Please start again.',
  },
  LOGIN_ACR_INSUFFICIENT: {
    status: 400,
    fr: 'Le niveau de garantie de l’identité (eIDAS) est insuffisant.',
    en: 'The identity assurance level (eIDAS) is insufficient.',
  },
  LOGIN_CODE_REJECTED: {
    status: 400,
    fr: 'FranceConnect a refusé le code de connexion (expiré ou déjà utilisé). Recommencez.',
    en: 'FranceConnect refused the sign-in code (expired or already used). Please start again.',
  },
  LOGIN_REFUSED_BY_PROVIDER: {
    status: 400,
    fr: 'La connexion a été refusée ou annulée sur FranceConnect.',
    en: 'The sign-in was refused or cancelled at FranceConnect.',
  },
  IDENTITY_PROVIDER_BAD_RESPONSE: {
    status: 502,
    fr: 'FranceConnect a donné une réponse invalide. Réessayez plus tard.',
    en: 'FranceConnect gave an invalid response. Please try again later.',
  },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 503,
    fr: 'FranceConnect est momentanément indisponible. Réessayez dans quelques instants.',
    en: 'FranceConnect is temporarily unavailable. Please try again in a moment.',
  },
  CROSS_SITE_REQUEST_REFUSED: {
    status: 403,
    fr: 'Cette action ne peut pas être déclenchée depuis un autre site. Revenez sur Compte des comptes pour la faire.',
    en: 'This action cannot be triggered from another site. Go back to Compte des comptes to do it.',
  },
  SESSION_STORE_UNAVAILABLE: {
    status: 503,
    fr: 'Le service de sessions est momentanément indisponible. Réessayez dans quelques instants.',
    en: 'The session service is temporarily unavailable. Please try again in a moment.',
  },
} as const satisfies Record<string, { status: number; fr: string; en: string }>;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly status: number;

  constructor(
    readonly code: AuthErrorCode,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${AUTH_ERRORS[code].en}`, options);
    this.status = AUTH_ERRORS[code].status;
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

/** fetch fails with a TypeError when it cannot connect, and with a TimeoutError when the budget is spent. */
function isUnreachable(error: unknown): boolean {
  // By name, not instanceof: fetch's errors come from Node's own realm (which differs under jest's vm).
  for (let current = error; isErrorLike(current); current = current.cause) {
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return true;
    if (current.name === 'TypeError' && current.message === 'fetch failed') return true;
  }
  return false;
}

function isErrorLike(value: unknown): value is { name: string; message: string; cause?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
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
