import { timingSafeEqual } from 'node:crypto';

import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizationResponseError, validateAuthResponse } from 'oauth4webapi';
import * as client from 'openid-client';

import { DEFAULT_IDLE_TIMEOUT_SECONDS, createSession, destroySession } from '../session/sessions.ts';
import type { SessionStore } from '../session/store.ts';
import {
  clearedPendingLoginCookie,
  clearedSessionCookie,
  pendingLoginCookie,
  PENDING_LOGIN_COOKIE_NAME,
  readCookie,
  sessionCookie,
  sessionIdOf,
} from './cookies.ts';
import type { CookieSettings } from './cookies.ts';
import { sendErrorPage } from './error-page.ts';
import { AuthError, toAuthError } from './errors.ts';
import { identityFromUserinfo } from './identity.ts';
import { savePendingLogin, takePendingLogin } from './pending-login.ts';
import { createIdentityProvider } from './provider.ts';
import type { IdentityProvider } from './provider.ts';
import type { OidcSettings } from './settings.ts';

/** FranceConnect's identity scopes: the pivot and the email, nothing more. */
export const LOGIN_SCOPE = 'openid identite_pivot email';
/** eIDAS low: the level FranceConnect asserts for a login. */
export const REQUIRED_ACR = 'eidas1';

export interface AuthDeps {
  /** Settings, or an identity provider already made from them (to share its discovery cache). */
  oidc: OidcSettings | IdentityProvider;
  sessions: SessionStore;
  cookie: CookieSettings;
  /** Where the browser lands after login (unless it asked for a path) and after logout. */
  returnUrl: string;
  /** Idle time that ends a session, in seconds; default 30 min. */
  idleTimeoutSeconds?: number;
  /** Time after sign-in that ends a session however it is used, in seconds; default 12 h. */
  absoluteTimeoutSeconds?: number;
  /** The clock sessions are dated by, in ms; tests move it. */
  now?: () => number;
  /** Defaults to the app's logger. Only codes and error names are logged, never tokens or identities. */
  logger?: FastifyBaseLogger;
}

/**
 * Adds `GET /auth/login`, `GET /auth/callback`, `GET|POST /auth/logout`: FranceConnect login
 * (code flow, PKCE, state, nonce, eidas1) into a server-side session named by an opaque cookie.
 */
export async function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const provider = 'configuration' in deps.oidc ? deps.oidc : createIdentityProvider(deps.oidc);
  const { settings } = provider;
  const idleTimeoutSeconds = deps.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS;
  const logger = deps.logger ?? app.log;

  function respondToFailure(reply: FastifyReply, error: unknown, route: string, cookies: string[] = []): FastifyReply {
    const failure = toAuthError(error);
    logger.warn({ route, code: failure.code, cause: causeName(failure.cause) }, 'authentication failed');
    if (cookies.length) reply.header('set-cookie', cookies);
    return sendErrorPage(reply, failure);
  }

  await app.register(async (scope) => {
    // A logout form posts an (empty) urlencoded body; nothing in it is read.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
    }

    scope.get('/auth/login', async (request, reply) => {
      try {
        const configuration = await provider.configuration();
        const codeVerifier = client.randomPKCECodeVerifier();
        const pending = {
          // 43 characters each: FranceConnect requires at least 32.
          state: client.randomState(),
          nonce: client.randomNonce(),
          codeVerifier,
          ...returnPathOf(request),
        };
        const pendingId = await savePendingLogin(deps.sessions, pending);
        const authorizationUrl = client.buildAuthorizationUrl(configuration, {
          redirect_uri: settings.redirectUri,
          scope: LOGIN_SCOPE,
          state: pending.state,
          nonce: pending.nonce,
          code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: 'S256',
          acr_values: REQUIRED_ACR,
        });
        return reply
          .header('cache-control', 'no-store')
          .header('set-cookie', pendingLoginCookie(deps.cookie, pendingId))
          .redirect(authorizationUrl.href, 302);
      } catch (error) {
        return respondToFailure(reply, error, 'login');
      }
    });

    scope.get('/auth/callback', async (request, reply) => {
      // Whatever happens, this login attempt is over: its cookie goes.
      const cookies = [clearedPendingLoginCookie(deps.cookie)];
      try {
        const pendingId = readCookie(request, PENDING_LOGIN_COOKIE_NAME);
        const pending = pendingId ? await takePendingLogin(deps.sessions, pendingId) : null;
        if (!pending) throw new AuthError('LOGIN_NOT_PENDING');
        const callbackUrl = callbackUrlOf(request, settings.redirectUri);
        if (!sameSecret(callbackUrl.searchParams.get('state') ?? '', pending.state)) throw new AuthError('LOGIN_STATE_MISMATCH');

        const configuration = await provider.configuration();
        checkCallbackParameters(configuration, callbackUrl, pending.state);
        // Verifies the code's PKCE binding and the ID token: signature, iss, aud, exp, nonce.
        const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idTokenClaims = tokens.claims();
        if (!idTokenClaims || !tokens.id_token) throw new AuthError('IDENTITY_PROVIDER_BAD_RESPONSE');
        if (idTokenClaims.acr !== REQUIRED_ACR) throw new AuthError('LOGIN_ACR_INSUFFICIENT');
        // A signed JWT verified against the provider's keys; openid-client also checks its sub is the ID token's.
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idTokenClaims.sub);
        const identity = identityFromUserinfo(userinfo);

        // Always a fresh id: one the browser held before login is never promoted (no session fixation).
        const previousId = sessionIdOf(request);
        if (previousId) await destroySession(deps.sessions, previousId);
        const sessionId = await createSession(
          deps.sessions,
          { ...identity, idToken: tokens.id_token, createdAt: Math.floor((deps.now ?? Date.now)() / 1000) },
          idleTimeoutSeconds,
        );
        cookies.push(sessionCookie(deps.cookie, sessionId));
        return reply
          .header('cache-control', 'no-store')
          .header('set-cookie', cookies)
          .redirect(landingOf(deps.returnUrl, pending.returnPath), 302);
      } catch (error) {
        return respondToFailure(reply, error, 'callback', cookies);
      }
    });

    async function logout(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const cookies = [clearedSessionCookie(deps.cookie)];
      try {
        const sessionId = sessionIdOf(request);
        const session = sessionId ? await destroySession(deps.sessions, sessionId) : null;
        reply.header('cache-control', 'no-store').header('set-cookie', cookies);
        if (!session) return reply.redirect(deps.returnUrl, 302);
        const endSessionUrl = await endSessionUrlOf(provider, session.idToken).catch((error: unknown) => {
          // Signed out here already; the provider session will simply time out.
          logger.warn({ route: 'logout', code: toAuthError(error).code }, 'provider logout skipped');
          return deps.returnUrl;
        });
        return reply.redirect(endSessionUrl, 302);
      } catch (error) {
        return respondToFailure(reply, error, 'logout', cookies);
      }
    }
    scope.get('/auth/logout', logout);
    scope.post('/auth/logout', logout);
  });
}

async function endSessionUrlOf(provider: IdentityProvider, idToken: string): Promise<string> {
  const configuration = await provider.configuration();
  return client.buildEndSessionUrl(configuration, {
    id_token_hint: idToken,
    post_logout_redirect_uri: provider.settings.postLogoutRedirectUri,
    // FranceConnect requires a state; nothing comes back to check it against, the session is gone.
    state: client.randomState(),
  }).href;
}

/**
 * The callback's own parameters (iss, state, error), checked by oauth4webapi as openid-client
 * does, but before any call to the provider: a malformed callback is the client's bad request
 * (400 LOGIN_CALLBACK_INVALID), not a bad answer from the provider.
 */
function checkCallbackParameters(configuration: client.Configuration, callbackUrl: URL, expectedState: string): void {
  try {
    validateAuthResponse(configuration.serverMetadata(), { client_id: configuration.clientMetadata().client_id }, callbackUrl, expectedState);
  } catch (error) {
    if (error instanceof AuthorizationResponseError) throw new AuthError('LOGIN_REFUSED_BY_PROVIDER', { cause: error });
    throw new AuthError('LOGIN_CALLBACK_INVALID', { cause: error });
  }
  if (!callbackUrl.searchParams.get('code')) throw new AuthError('LOGIN_CALLBACK_INVALID');
}

/** The URL FranceConnect redirected to, rebuilt on the registered redirect URI (not on Host headers). */
function callbackUrlOf(request: FastifyRequest, redirectUri: string): URL {
  const url = new URL(redirectUri);
  url.search = new URL(request.url, 'http://placeholder').search;
  return url;
}

/** A `?returnTo=` path on the gateway itself; anything else (another host, `//`) is ignored. */
function returnPathOf(request: FastifyRequest): { returnPath?: string } {
  const { returnTo } = request.query as { returnTo?: unknown };
  return typeof returnTo === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(returnTo) ? { returnPath: returnTo } : {};
}

function landingOf(returnUrl: string, returnPath: string | undefined): string {
  return returnPath ? new URL(returnPath, returnUrl).href : returnUrl;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function causeName(cause: unknown): string | undefined {
  return cause instanceof Error ? `${cause.name}${'code' in cause ? ` ${String(cause.code)}` : ''}` : undefined;
}
