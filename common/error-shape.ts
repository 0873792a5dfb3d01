// Errors raised by Node itself (DOMException timeouts, socket errors) may come from another
// realm than our `Error` (under jest's VM modules, for one), so they are read by shape, not
// by `instanceof`.

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };

/** Each error along the `cause` chain, the error first. */
function* causeChain(error: unknown): Generator<ErrorLike> {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 8; e = e.cause as ErrorLike | undefined, depth++) yield e;
}

/** The first string `code` along the `cause` chain (`ECONNREFUSED`, `UND_ERR_SOCKET`…). */
export function errorCode(error: unknown): string | undefined {
  for (const e of causeChain(error)) if (typeof e.code === 'string') return e.code;
  return undefined;
}

/** A connection that could not be made or broke: refused, reset, unreachable, closed under us. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Whether the error, or one of its causes, is a connection failure (not an answer, not a timeout). */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && CONNECTION_CODES.has(code);
}

/** Errors of a spent time budget: AbortSignal.timeout's and aborts, undici's, jose's and openid-client's timeouts. */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ERR_JWKS_TIMEOUT', 'OAUTH_TIMEOUT', 'OAUTH_ABORT']);

/** Whether the error, or one of its causes, is a time budget spent before the peer answered. */
export function isTimeout(error: unknown): boolean {
  for (const e of causeChain(error)) {
    if ((typeof e.name === 'string' && TIMEOUT_NAMES.has(e.name)) || (typeof e.code === 'string' && TIMEOUT_CODES.has(e.code))) return true;
  }
  return false;
}

/**
 * Whether the peer could not be reached: a timeout, a connection refused, reset or lost, or
 * fetch's own `TypeError: fetch failed` (whose cause is the socket's error). The one test every
 * client of the platform (subgraphs, agencies, the identity provider) uses.
 */
export function isUnreachable(error: unknown): boolean {
  if (isTimeout(error) || isConnectionError(error)) return true;
  for (const e of causeChain(error)) if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
  return false;
}

/** A short reason fit for a health report: a code, else the message. Never a stack. */
export function errorReason(error: unknown): string {
  const message = (error as ErrorLike | null)?.message;
  return errorCode(error) ?? (typeof message === 'string' && message ? message : 'failed');
}
