import type { FastifyRequest } from 'fastify';

import { DEFAULT_IDLE_TIMEOUT_SECONDS, loadSession } from '../session/sessions.ts';
import type { Session } from '../session/sessions.ts';
import { sessionIdOf } from './cookies.ts';
import type { AuthDeps } from './routes.ts';

/**
 * The session named by the request's cookie, its idle timeout restarted; null when there is none
 * or it has ended (idle, or past its absolute lifetime). Rejects with SessionStoreUnavailableError
 * (code SESSION_STORE_UNAVAILABLE) when the store is down.
 */
export async function readSession(
  request: FastifyRequest,
  deps: Pick<AuthDeps, 'sessions' | 'idleTimeoutSeconds' | 'absoluteTimeoutSeconds' | 'now'>,
): Promise<Session | null> {
  const id = sessionIdOf(request);
  return id
    ? loadSession(deps.sessions, id, deps.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS, {
        absoluteTimeoutSeconds: deps.absoluteTimeoutSeconds,
        now: deps.now,
      })
    : null;
}
