import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';

import { pendingLoginKey, readSession, registerAuthRoutes } from '../../../gateway/src/auth/index.ts';
import type { AuthDeps, OidcSettings } from '../../../gateway/src/auth/index.ts';
import { createMemorySessionStore, createSession, loadSession } from '../../../gateway/src/session/index.ts';
import type { SessionStore } from '../../../gateway/src/session/index.ts';
import { listenProvider } from '../../../mocks/franceconnect/app.ts';
import type { ListeningProvider } from '../../../mocks/franceconnect/app.ts';
import { DEMO_PASSWORD } from '../../../mocks/population/personas.ts';
import { Browser, readForm, signIn } from '../../support/browser.ts';
import type { Page } from '../../support/browser.ts';

const CLIENT_ID = 'compte-des-comptes';
const CLIENT_SECRET = 'gateway-secret-for-tests-0123456789';
const IDLE_TIMEOUT_SECONDS = 60;
const ABSOLUTE_TIMEOUT_SECONDS = 300;

interface Gateway {
  url: string;
  store: SessionStore;
  deps: AuthDeps;
  /** Moves the session store's clock. */
  elapse(seconds: number): void;
  close(): Promise<void>;
}

async function listen(server: Server, port = 0): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The order a harness follows: the gateway's socket first (its URL is the provider's redirect URI),
 * then the provider, then the gateway app (it needs the issuer).
 */
async function startGateway(
  issuerFor: (gatewayUrl: string) => Promise<string>,
  options: { secure?: boolean; timeoutSeconds?: number } = {},
): Promise<Gateway> {
  const server = createServer();
  const url = await listen(server);
  const issuer = await issuerFor(url);
  let clock = Date.now();
  const store = createMemorySessionStore({ now: () => clock });
  const oidc: OidcSettings = {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: `${url}/auth/callback`,
    postLogoutRedirectUri: `${url}/`,
    timeoutSeconds: options.timeoutSeconds ?? 2,
  };
  const deps: AuthDeps = {
    oidc,
    sessions: store,
    cookie: { secure: options.secure ?? false },
    returnUrl: `${url}/`,
    idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
    absoluteTimeoutSeconds: ABSOLUTE_TIMEOUT_SECONDS,
    now: () => clock,
  };
  const app: FastifyInstance = Fastify({
    serverFactory: (handler) => {
      server.on('request', handler);
      return server;
    },
  });
  await registerAuthRoutes(app, deps);
  app.get('/whoami', async (request, reply) => {
    const session = await readSession(request, deps);
    if (!session) return reply.code(401).send({ signedIn: false });
    return { sub: session.sub, pivot: session.pivot, email: session.email };
  });
  await app.ready();
  return {
    url,
    store,
    deps,
    elapse: (seconds) => {
      clock += seconds * 1000;
    },
    close: async () => {
      await app.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function providerFor(gatewayUrl: string): Promise<ListeningProvider> {
  return listenProvider({
    settings: {
      gateway: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${gatewayUrl}/auth/callback`], postLogoutRedirectUris: [`${gatewayUrl}/`] },
    },
  });
}

let provider: ListeningProvider;
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway(async (url) => {
    provider = await providerFor(url);
    return provider.issuer;
  });
});

afterAll(async () => {
  await gateway.close();
  await provider.close();
});

/** /auth/login → the provider's own form → back at /auth/callback, not yet followed. */
async function reachCallback(login: string, browser = new Browser()): Promise<{ browser: Browser; callback: URL; start: Page }> {
  const start = await browser.get(`${gateway.url}/auth/login`);
  expect(start.status).toBe(302);
  const back = await signIn(browser, start.location as URL, login, DEMO_PASSWORD);
  expect(back.location?.origin).toBe(gateway.url);
  return { browser, callback: back.location as URL, start };
}

async function logIn(login: string, browser = new Browser()) {
  const { callback } = await reachCallback(login, browser);
  const landed = await browser.get(callback);
  expect(landed.status).toBe(302);
  return { browser, landed };
}

async function whoami(browser: Browser, url = gateway.url) {
  const page = await browser.get(`${url}/whoami`);
  return { status: page.status, body: page.body ? (JSON.parse(page.body) as unknown) : undefined };
}

const errorCodeOf = (page: Page) => /<code>([A-Z_]+)<\/code>/.exec(page.body)?.[1];

describe('login', () => {
  it('sends the browser to FranceConnect with PKCE, a long state and nonce, and eidas1', async () => {
    const browser = new Browser();
    const start = await browser.get(`${gateway.url}/auth/login`);
    expect(start.status).toBe(302);
    const authorize = start.location as URL;
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/authorize`);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${gateway.url}/auth/callback`,
      scope: 'openid identite_pivot email',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      acr_values: 'eidas1',
    });
    expect(start.setCookies).toEqual([expect.stringMatching(/^cdc_session_login=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/auth; HttpOnly; SameSite=Lax$/)]);
  });

  it('signs Camille in on the provider form and gives her an opaque, httpOnly session cookie', async () => {
    const { browser, landed } = await logIn('camille.martin');
    expect(landed.location?.href).toBe(`${gateway.url}/`);
    expect(landed.setCookies).toEqual([
      'cdc_session_login=; Max-Age=0; Path=/auth; HttpOnly; SameSite=Lax',
      expect.stringMatching(/^cdc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/),
    ]);
    expect(await whoami(browser)).toEqual({
      status: 200,
      body: {
        sub: expect.stringMatching(/^[0-9a-f]{64}v1$/),
        pivot: { given_name: 'Camille Marie', family_name: 'MARTIN', birthdate: '1986-03-14', gender: 'female', birthplace: '69123', birthcountry: '99100' },
        email: 'camille.martin@example.fr',
      },
    });
  });

  it('lands on the path asked for, never on another site', async () => {
    const browser = new Browser();
    const asked = await browser.get(`${gateway.url}/auth/login?returnTo=/graphql?x=1`);
    const back = await signIn(browser, asked.location as URL, 'karim.benali', DEMO_PASSWORD);
    expect((await browser.get(back.location as URL)).location?.href).toBe(`${gateway.url}/graphql?x=1`);

    const other = new Browser();
    const offsite = await other.get(`${gateway.url}/auth/login?returnTo=//attacker.test/`);
    const again = await signIn(other, offsite.location as URL, 'karim.benali', DEMO_PASSWORD);
    expect((await other.get(again.location as URL)).location?.href).toBe(`${gateway.url}/`);
  });

  it('marks both cookies Secure when the gateway is served over https', async () => {
    let own: ListeningProvider | undefined;
    const secure = await startGateway(
      async (url) => {
        own = await providerFor(url);
        return own.issuer;
      },
      { secure: true },
    );
    try {
      const browser = new Browser();
      const start = await browser.get(`${secure.url}/auth/login`);
      expect(start.setCookies).toEqual([expect.stringMatching(/^cdc_session_login=[^;]+; Max-Age=600; Path=\/auth; HttpOnly; Secure; SameSite=Lax$/)]);
      const back = await signIn(browser, start.location as URL, 'camille.martin', DEMO_PASSWORD);
      const landed = await browser.get(back.location as URL);
      expect(landed.setCookies).toEqual([
        'cdc_session_login=; Max-Age=0; Path=/auth; HttpOnly; Secure; SameSite=Lax',
        expect.stringMatching(/^cdc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
      ]);
    } finally {
      await secure.close();
      await own?.close();
    }
  });

  it('rotates the session id: a cookie held before login is never reused', async () => {
    const browser = new Browser();
    const planted = await createSession(
      gateway.store,
      { sub: 'planted', pivot: { given_name: 'X', family_name: 'Y', birthdate: '2000-01-01', gender: 'male', birthplace: '', birthcountry: '99100' }, email: null, idToken: 'x.y.z', createdAt: 0 },
      IDLE_TIMEOUT_SECONDS,
    );
    browser.setCookie(gateway.url, 'cdc_session', planted);
    await logIn('lucas.petit', browser);
    const current = browser.cookie(gateway.url, 'cdc_session');
    expect(current).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(current).not.toBe(planted);
    expect(await loadSession(gateway.store, planted, IDLE_TIMEOUT_SECONDS)).toBeNull();
    expect(await whoami(browser)).toMatchObject({ status: 200, body: { pivot: { family_name: 'PETIT' } } });
  });
});

describe('callback refusals', () => {
  it('refuses a tampered state', async () => {
    const { browser, callback } = await reachCallback('sophie.lefevre');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const page = await browser.get(callback);
    expect(page.status).toBe(400);
    expect(errorCodeOf(page)).toBe('LOGIN_STATE_MISMATCH');
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.setCookies.some((cookie) => cookie.startsWith('cdc_session='))).toBe(false);
    expect((await whoami(browser)).status).toBe(401);
  });

  it('refuses a replayed callback, with or without the login cookie', async () => {
    const { browser, callback } = await reachCallback('sophie.lefevre');
    const pendingId = browser.cookie(gateway.url, 'cdc_session_login') ?? '';
    expect((await browser.get(callback)).status).toBe(302);

    const replay = new Browser();
    const withoutCookie = await replay.get(callback);
    expect([withoutCookie.status, errorCodeOf(withoutCookie)]).toEqual([400, 'LOGIN_NOT_PENDING']);
    replay.setCookie(gateway.url, 'cdc_session_login', pendingId);
    const withCookie = await replay.get(callback);
    expect([withCookie.status, errorCodeOf(withCookie)]).toEqual([400, 'LOGIN_NOT_PENDING']);
    expect((await whoami(replay)).status).toBe(401);
  });

  it('refuses an ID token whose nonce is not the one this login sent', async () => {
    const browser = new Browser();
    const start = await browser.get(`${gateway.url}/auth/login`);
    // Stands for an ID token minted for another login: the pending login expects another nonce.
    const key = pendingLoginKey(browser.cookie(gateway.url, 'cdc_session_login') ?? '');
    const pending = (await gateway.store.get(key)) as Record<string, string>;
    await gateway.store.set(key, { ...pending, nonce: `${pending.nonce}-other-login` }, 600);

    const back = await signIn(browser, start.location as URL, 'jean.dupont', DEMO_PASSWORD);
    const page = await browser.get(back.location as URL);
    expect([page.status, errorCodeOf(page)]).toEqual([400, 'LOGIN_NONCE_MISMATCH']);
    expect((await whoami(browser)).status).toBe(401);
  });

  it('refuses a login the provider answered with an error', async () => {
    const { browser, callback } = await reachCallback('camille.martin');
    const refused = new URL(callback.origin + callback.pathname);
    for (const name of ['state', 'iss']) refused.searchParams.set(name, callback.searchParams.get(name) ?? '');
    refused.searchParams.set('error', 'access_denied');
    const page = await browser.get(refused);
    expect([page.status, errorCodeOf(page)]).toEqual([400, 'LOGIN_REFUSED_BY_PROVIDER']);
  });

  it.each(['iss', 'code'])('answers 400 LOGIN_CALLBACK_INVALID, not a provider error, to a callback without %s', async (missing) => {
    const { browser, callback } = await reachCallback('camille.martin');
    const malformed = new URL(callback);
    malformed.searchParams.delete(missing);
    const page = await browser.get(malformed);
    expect([page.status, errorCodeOf(page)]).toEqual([400, 'LOGIN_CALLBACK_INVALID']);
    expect((await whoami(browser)).status).toBe(401);
  });

  it('renders a bilingual error page with its code and no stack', async () => {
    const page = await new Browser().get(`${gateway.url}/auth/callback`);
    expect([page.status, errorCodeOf(page)]).toEqual([400, 'LOGIN_NOT_PENDING']);
    expect(page.body).toContain('Aucune connexion en cours');
    expect(page.body).toContain('No sign-in in progress');
    expect(page.body).not.toMatch(/at .+\.(js|ts):\d+/);
  });
});

describe('sessions', () => {
  it('slides the idle timeout on every request, and ends after that much idle time', async () => {
    const { browser } = await logIn('aicha.diallo');
    for (let step = 0; step < 3; step += 1) {
      gateway.elapse(IDLE_TIMEOUT_SECONDS - 15);
      expect((await whoami(browser)).status).toBe(200);
    }
    gateway.elapse(IDLE_TIMEOUT_SECONDS + 1);
    expect((await whoami(browser)).status).toBe(401);
  });

  it('ends at its absolute lifetime however often it is used, and is removed from the store', async () => {
    const { browser } = await logIn('lucas.petit');
    const sessionId = browser.cookie(gateway.url, 'cdc_session') ?? '';
    // Used every 50 s: never idle, yet over after ABSOLUTE_TIMEOUT_SECONDS (300 s).
    for (let used = 0; used < ABSOLUTE_TIMEOUT_SECONDS - 50; used += 50) {
      gateway.elapse(50);
      expect((await whoami(browser)).status).toBe(200);
    }
    gateway.elapse(50);
    expect((await whoami(browser)).status).toBe(401);
    expect(await gateway.store.get(`session:${sessionId}`)).toBeNull();
  });
});

describe('logout', () => {
  it('destroys the session and sends the browser to the provider end-session with id_token_hint', async () => {
    const { browser } = await logIn('karim.benali');
    const sessionId = browser.cookie(gateway.url, 'cdc_session') ?? '';
    const out = await browser.get(`${gateway.url}/auth/logout`);
    expect(out.status).toBe(302);
    expect(out.setCookies).toEqual(['cdc_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
    expect(await loadSession(gateway.store, sessionId, IDLE_TIMEOUT_SECONDS)).toBeNull();
    expect((await whoami(browser)).status).toBe(401);

    const endSession = out.location as URL;
    expect(endSession.origin + endSession.pathname).toBe(`${provider.issuer}/session/end`);
    const params = Object.fromEntries(endSession.searchParams);
    expect(params).toEqual({
      client_id: CLIENT_ID,
      id_token_hint: expect.any(String),
      post_logout_redirect_uri: `${gateway.url}/`,
      state: expect.stringMatching(/^.{32,}$/),
    });
    expect(decodeJwt(params.id_token_hint ?? '')).toMatchObject({ iss: provider.issuer, aud: CLIENT_ID, acr: 'eidas1' });

    const confirm = await browser.get(endSession);
    const form = readForm(confirm);
    const back = await browser.post(form.action, form.fields);
    expect(back.location?.href).toBe(`${gateway.url}/?state=${params.state}`);
  });

  it('accepts POST, and without a session just returns home', async () => {
    const page = await new Browser().post(`${gateway.url}/auth/logout`, {});
    expect(page.status).toBe(302);
    expect(page.location?.href).toBe(`${gateway.url}/`);
  });
});

describe('provider down', () => {
  it('gives up on a provider that does not answer within the timeout', async () => {
    const silent = createServer(() => {});
    const issuer = await listen(silent);
    const slow = await startGateway(async () => issuer, { timeoutSeconds: 0.3 });
    try {
      // A provider that never answers would hold the login past the test's own timeout.
      const page = await new Browser().get(`${slow.url}/auth/login`);
      expect([page.status, errorCodeOf(page)]).toEqual([503, 'IDENTITY_PROVIDER_UNAVAILABLE']);
    } finally {
      await slow.close();
      await new Promise<void>((resolve) => {
        silent.close(() => resolve());
        silent.closeAllConnections();
      });
    }
  });

  async function closedPortUrl(): Promise<string> {
    const server = createServer();
    const url = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    return url;
  }

  it('answers 503 at login, keeps existing sessions, and logs in once the provider is back', async () => {
    const origin = await closedPortUrl();
    const issuer = `${origin}/api/v2`;
    let late: ListeningProvider | undefined;
    const isolated = await startGateway(async () => issuer);
    try {
      const page = await new Browser().get(`${isolated.url}/auth/login`);
      expect([page.status, errorCodeOf(page)]).toEqual([503, 'IDENTITY_PROVIDER_UNAVAILABLE']);
      expect(page.body).toContain('FranceConnect est momentanément indisponible');

      const browser = new Browser();
      const existing = await createSession(
        isolated.store,
        { sub: 's', pivot: { given_name: 'Jean', family_name: 'DUPONT', birthdate: '2008-05-10', gender: 'male', birthplace: '75115', birthcountry: '99100' }, email: null, idToken: 'a.b.c', createdAt: Math.floor(Date.now() / 1000) },
        IDLE_TIMEOUT_SECONDS,
      );
      browser.setCookie(isolated.url, 'cdc_session', existing);
      expect(await whoami(browser, isolated.url)).toMatchObject({ status: 200, body: { pivot: { family_name: 'DUPONT' } } });
      // Logout still ends the session here, and lands home instead of at the unreachable provider.
      const out = await browser.get(`${isolated.url}/auth/logout`);
      expect([out.status, out.location?.href]).toEqual([302, `${isolated.url}/`]);
      expect((await whoami(browser, isolated.url)).status).toBe(401);

      late = await listenProvider({
        port: Number(new URL(origin).port),
        settings: {
          gateway: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${isolated.url}/auth/callback`], postLogoutRedirectUris: [`${isolated.url}/`] },
        },
      });
      const retried = await new Browser().get(`${isolated.url}/auth/login`);
      expect(retried.status).toBe(302);
      expect(retried.location?.href).toMatch(new RegExp(`^${issuer}/authorize\\?`));
    } finally {
      await isolated.close();
      await late?.close();
    }
  });
});
