import type { FastifyRequest } from 'fastify';

import { PENDING_LOGIN_TTL_SECONDS } from './pending-login.ts';

export interface CookieSettings {
  /** Name of the session cookie; the pending login's is `${name}_login`. */
  name: string;
  /** Secure flag: true whenever the gateway is reached over https. */
  secure: boolean;
}

// Read and written here rather than through @fastify/cookie, whose helpers only work once its
// plugin is registered: these routes and readSession must not depend on what the app registers.
// Our values are base64url ids, so no encoding is involved.

/** The value of the first cookie named `name` in the request (the most specific path comes first). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

export const pendingLoginCookieName = ({ name }: CookieSettings) => `${name}_login`;

const PENDING_LOGIN_PATH = '/auth';

/** A browser-session cookie: the server-side idle timeout is what ends the session. */
export const sessionCookie = (settings: CookieSettings, id: string) => serialize(settings.name, id, '/', settings.secure);

export const pendingLoginCookie = (settings: CookieSettings, id: string) =>
  serialize(pendingLoginCookieName(settings), id, PENDING_LOGIN_PATH, settings.secure, PENDING_LOGIN_TTL_SECONDS);

export const clearedSessionCookie = (settings: CookieSettings) => serialize(settings.name, '', '/', settings.secure, 0);

export const clearedPendingLoginCookie = (settings: CookieSettings) =>
  serialize(pendingLoginCookieName(settings), '', PENDING_LOGIN_PATH, settings.secure, 0);

function serialize(name: string, value: string, path: string, secure: boolean, maxAgeSeconds?: number): string {
  return [
    `${name}=${value}`,
    ...(maxAgeSeconds === undefined ? [] : [`Max-Age=${maxAgeSeconds}`]),
    `Path=${path}`,
    'HttpOnly',
    ...(secure ? ['Secure'] : []),
    // Lax: sent on the top-level redirect back from FranceConnect, not on cross-site subrequests.
    'SameSite=Lax',
  ].join('; ');
}
