import { parse, serialize } from 'cookie';
import type { FastifyRequest } from 'fastify';

import { PENDING_LOGIN_TTL_SECONDS } from './pending-login.ts';

/** The session cookie's name, the same for every gateway instance: behind a load balancer any of them reads it. */
export const SESSION_COOKIE_NAME = 'cdc_session';
/** The cookie of a login in progress, sent to /auth only. */
export const PENDING_LOGIN_COOKIE_NAME = `${SESSION_COOKIE_NAME}_login`;
const PENDING_LOGIN_PATH = '/auth';

export interface CookieSettings {
  /** Secure flag: true whenever the gateway is reached over https. */
  secure: boolean;
}

/**
 * Cookies are read and written with the `cookie` package rather than @fastify/cookie's plugin:
 * these routes, readSession and the rate limits must not depend on what the app registers.
 */

/** The value of the first cookie named `name` in the request (the most specific path comes first). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  return parse(request.headers.cookie ?? '')[name];
}

/** The session id the request carries, if any. */
export const sessionIdOf = (request: FastifyRequest) => readCookie(request, SESSION_COOKIE_NAME);

/** A browser-session cookie: the server-side timeouts are what end the session. */
export const sessionCookie = ({ secure }: CookieSettings, id: string) => cookieOf(SESSION_COOKIE_NAME, id, '/', secure);

export const pendingLoginCookie = ({ secure }: CookieSettings, id: string) =>
  cookieOf(PENDING_LOGIN_COOKIE_NAME, id, PENDING_LOGIN_PATH, secure, PENDING_LOGIN_TTL_SECONDS);

export const clearedSessionCookie = ({ secure }: CookieSettings) => cookieOf(SESSION_COOKIE_NAME, '', '/', secure, 0);

export const clearedPendingLoginCookie = ({ secure }: CookieSettings) => cookieOf(PENDING_LOGIN_COOKIE_NAME, '', PENDING_LOGIN_PATH, secure, 0);

function cookieOf(name: string, value: string, path: string, secure: boolean, maxAge?: number): string {
  // Lax: sent on the top-level redirect back from FranceConnect, not on cross-site subrequests.
  return serialize(name, value, { maxAge, path, httpOnly: true, secure, sameSite: 'lax' });
}
