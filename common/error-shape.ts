// Errors raised by Node itself (DOMException timeouts, socket errors) may come from another
// realm than our `Error` (under jest's VM modules, for one), so they are read by shape, not
// by `instanceof`.

type ErrorLike = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };

/** The first string `code` along the `cause` chain (`ECONNREFUSED`, `UND_ERR_SOCKET`…). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error as ErrorLike | undefined; e && typeof e === 'object'; e = e.cause as ErrorLike | undefined) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

export function errorName(error: unknown): string | undefined {
  const name = (error as ErrorLike | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** A connection that could not be made or broke: refused, reset, unreachable, closed under us. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Whether the error, or one of its causes, is a connection failure (not an answer, not a timeout). */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && CONNECTION_CODES.has(code);
}

/** A short reason fit for a health report: a code, else the message. Never a stack. */
export function errorReason(error: unknown): string {
  const message = (error as ErrorLike | null)?.message;
  return errorCode(error) ?? (typeof message === 'string' && message ? message : 'failed');
}
