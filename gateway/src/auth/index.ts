import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { Session } from '../session/sessions.ts';
import { createIdentityProvider } from './provider.ts';
import { readSession } from './read-session.ts';
import { registerAuthRoutes } from './routes.ts';
import type { AuthDeps } from './routes.ts';

export { AuthError } from './errors.ts';
export type { AuthErrorCode } from './errors.ts';
export type { CookieSettings } from './cookies.ts';
export { pendingLoginKey } from './pending-login.ts';
export { createIdentityProvider } from './provider.ts';
export type { IdentityProvider } from './provider.ts';
export { readSession } from './read-session.ts';
export { LOGIN_SCOPE, REQUIRED_ACR, registerAuthRoutes } from './routes.ts';
export type { AuthDeps } from './routes.ts';
export { oidcSettingsFrom } from './settings.ts';
export type { OidcSettings } from './settings.ts';

export interface GatewayAuth {
  /** Adds the /auth routes. */
  register(app: FastifyInstance): Promise<void>;
  readSession(request: FastifyRequest): Promise<Session | null>;
  /** Readiness of the session store. */
  ping(): Promise<void>;
  /** Closes the session store. */
  close(): Promise<void>;
}

/** Login and sessions bundled for the gateway app: one discovery cache, one store. */
export function createGatewayAuth(deps: AuthDeps): GatewayAuth {
  const resolved: AuthDeps = { ...deps, oidc: 'configuration' in deps.oidc ? deps.oidc : createIdentityProvider(deps.oidc) };
  return {
    register: (app) => registerAuthRoutes(app, resolved),
    readSession: (request) => readSession(request, resolved),
    ping: () => resolved.sessions.ping(),
    close: () => resolved.sessions.close(),
  };
}
