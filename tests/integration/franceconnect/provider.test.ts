import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';

import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../../../contract/third-party.ts';
import { listenProvider } from '../../../mocks/franceconnect/app.ts';
import type { ListeningProvider } from '../../../mocks/franceconnect/app.ts';
import { DEMO_PASSWORD } from '../../../mocks/population/personas.ts';
import { Browser, readForm, signIn } from '../../support/browser.ts';

const GATEWAY = {
  clientId: 'compte-des-comptes',
  clientSecret: 'gateway-secret-for-tests-0123456789',
  redirectUris: ['http://gateway.test/auth/callback'],
  postLogoutRedirectUris: ['http://gateway.test/'],
};
const OTHER_SERVICE = {
  clientId: 'autre-service',
  clientSecret: 'other-secret-for-tests-0123456789',
  redirectUris: ['http://autre-service.test/callback'],
  postLogoutRedirectUris: ['http://autre-service.test/'],
  name: 'Autre service',
};
const SOCIAL_WORKER = {
  clientId: 'accompagnement-social',
  clientSecret: 'third-party-secret-for-tests-0123',
  scopes: ['training:read', 'family:read'],
  name: 'Accompagnement social',
};

let provider: ListeningProvider;

beforeAll(async () => {
  provider = await listenProvider({
    settings: { gateway: GATEWAY, relyingParties: [OTHER_SERVICE], thirdParties: [SOCIAL_WORKER], pairwiseSalt: 'salt-for-tests' },
  });
});

afterAll(async () => {
  await provider.close();
});

interface Rp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

async function discover(rp: Rp): Promise<client.Configuration> {
  return client.discovery(
    new URL(provider.issuer),
    rp.clientId,
    { client_secret: rp.clientSecret, id_token_signed_response_alg: 'ES256', userinfo_signed_response_alg: 'ES256' },
    client.ClientSecretPost(),
    { execute: [client.allowInsecureRequests], timeout: 5 },
  );
}

interface LoginRequest {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

async function prepareLogin(config: client.Configuration, rp: Rp, overrides: Record<string, string | undefined> = {}): Promise<LoginRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const parameters: Record<string, string | undefined> = {
    redirect_uri: rp.redirectUris[0],
    scope: 'openid identite_pivot email',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    acr_values: 'eidas1',
    ...overrides,
  };
  const defined = Object.fromEntries(Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return { url: client.buildAuthorizationUrl(config, defined), state, nonce, verifier };
}

/** Logs a persona in through the provider's own form and exchanges the code. */
async function logIn(rp: Rp, login: string, browser = new Browser()) {
  const config = await discover(rp);
  const request = await prepareLogin(config, rp);
  const callback = await signIn(browser, request.url, login, DEMO_PASSWORD);
  expect(callback.location?.href.startsWith(rp.redirectUris[0] ?? '')).toBe(true);
  const callbackUrl = callback.location as URL;
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: request.verifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
  return { config, request, callbackUrl, tokens, browser };
}

describe('discovery', () => {
  it('publishes FranceConnect v2 endpoints and capabilities', async () => {
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/authorize`,
      token_endpoint: `${provider.issuer}/token`,
      userinfo_endpoint: `${provider.issuer}/userinfo`,
      end_session_endpoint: `${provider.issuer}/session/end`,
      jwks_uri: `${provider.issuer}/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      acr_values_supported: ['eidas1'],
      id_token_signing_alg_values_supported: ['ES256'],
      userinfo_signing_alg_values_supported: ['ES256'],
      subject_types_supported: ['pairwise', 'public'],
    });
    const jwks = (await (await fetch(`${provider.issuer}/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks).toEqual(provider.jwks);
    expect(jwks.keys.map(({ kty, crv, alg, use, d }) => ({ kty, crv, alg, use, d }))).toEqual([
      { kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', d: undefined },
    ]);
  });
});

describe('authorization code flow', () => {
  it('logs Camille in and asserts her identity as FranceConnect does', async () => {
    const { config, request, tokens } = await logIn(GATEWAY, 'camille.martin');
    const idToken = tokens.claims();
    expect(idToken).toMatchObject({ iss: provider.issuer, aud: GATEWAY.clientId, acr: 'eidas1', nonce: request.nonce });
    expect(idToken?.sub).toMatch(/^[0-9a-f]{64}v1$/);
    expect((idToken?.exp ?? 0) - (idToken?.iat ?? 0)).toBe(60);
    expect(tokens.expires_in).toBe(60);
    expect(tokens.refresh_token).toBeUndefined();

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken?.sub ?? '');
    expect(userinfo).toEqual({
      sub: idToken?.sub,
      given_name: 'Camille Marie',
      family_name: 'MARTIN',
      birthdate: '1986-03-14',
      gender: 'female',
      birthplace: '69123',
      birthcountry: '99100',
      email: 'camille.martin@example.fr',
      iss: provider.issuer,
      aud: GATEWAY.clientId,
      iat: expect.any(Number),
      exp: expect.any(Number),
    });
  });

  it('answers userinfo as an ES256 JWT that verifies against the published JWKS', async () => {
    const { tokens } = await logIn(GATEWAY, 'aicha.diallo');
    const response = await fetch(`${provider.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jwt\b/);
    const jwt = await response.text();
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', kid: provider.jwks.keys[0]?.kid });
    const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${provider.issuer}/jwks`)), {
      issuer: provider.issuer,
      audience: GATEWAY.clientId,
    });
    expect(payload).toMatchObject({
      sub: tokens.claims()?.sub,
      given_name: 'Aïcha',
      family_name: 'DIALLO',
      birthdate: '1991-11-05',
      gender: 'female',
      // Born abroad: FranceConnect gives no commune, only the country.
      birthplace: '',
      birthcountry: '99341',
      email: 'aicha.diallo@example.fr',
    });
  });

  it('gives each client sector its own stable subject for the same person', async () => {
    const first = (await logIn(GATEWAY, 'karim.benali')).tokens.claims()?.sub;
    const again = (await logIn(GATEWAY, 'karim.benali')).tokens.claims()?.sub;
    const elsewhere = (await logIn(OTHER_SERVICE, 'karim.benali')).tokens.claims()?.sub;
    const someoneElse = (await logIn(GATEWAY, 'lucas.petit')).tokens.claims()?.sub;
    expect(again).toBe(first);
    expect(elsewhere).toMatch(/^[0-9a-f]{64}v1$/);
    expect(elsewhere).not.toBe(first);
    expect(someoneElse).not.toBe(first);
  });

  it('refuses a reused authorization code and revokes the tokens it gave', async () => {
    const { config, request, callbackUrl, tokens } = await logIn(GATEWAY, 'sophie.lefevre');
    const checks = { pkceCodeVerifier: request.verifier, expectedState: request.state, expectedNonce: request.nonce };
    await expect(client.authorizationCodeGrant(config, callbackUrl, checks)).rejects.toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_grant',
    });
    const userinfo = await fetch(`${provider.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
  });

  it('re-renders its form with an error on a wrong password, and still accepts the right one', async () => {
    const config = await discover(GATEWAY);
    const request = await prepareLogin(config, GATEWAY);
    const browser = new Browser();
    const loginPage = await browser.followWithin(new URL(provider.issuer).origin, await browser.get(request.url));
    const form = readForm(loginPage);
    expect(form.inputNames).toEqual(expect.arrayContaining(['login', 'password']));

    const refused = await browser.post(form.action, { login: 'camille.martin', password: 'not-the-password' });
    expect(refused.status).toBe(200);
    expect(refused.body).toContain('Identifiant ou mot de passe incorrect');
    expect(refused.body).not.toMatch(/at .+\.(js|ts):\d+/);
    const unknown = await browser.post(form.action, { login: 'nobody', password: DEMO_PASSWORD });
    expect(unknown.body).toContain('Identifiant ou mot de passe incorrect');

    const accepted = await browser.followWithin(new URL(provider.issuer).origin, await browser.post(readForm(refused).action, { login: 'camille.martin', password: DEMO_PASSWORD }));
    expect(accepted.location?.searchParams.get('state')).toBe(request.state);
    expect(accepted.location?.searchParams.get('code')).toBeTruthy();
  });
});

describe('authorization request refusals', () => {
  async function authorizationError(overrides: Record<string, string | undefined>) {
    const config = await discover(GATEWAY);
    const request = await prepareLogin(config, GATEWAY, overrides);
    const page = await new Browser().get(request.url);
    expect(page.status).toBe(303);
    expect(page.location?.origin + (page.location?.pathname ?? '')).toBe(GATEWAY.redirectUris[0]);
    return Object.fromEntries(page.location?.searchParams ?? []);
  }

  it('requires a nonce', async () => {
    expect(await authorizationError({ nonce: undefined })).toMatchObject({
      error: 'invalid_request',
      error_description: 'nonce is required and must be at least 32 characters',
    });
  });

  it('refuses a nonce shorter than 32 characters', async () => {
    expect(await authorizationError({ nonce: 'n'.repeat(31) })).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('nonce') });
  });

  it('refuses a state shorter than 32 characters', async () => {
    expect(await authorizationError({ state: 's'.repeat(31) })).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('state') });
  });

  it('requires PKCE', async () => {
    expect(await authorizationError({ code_challenge: undefined, code_challenge_method: undefined })).toMatchObject({
      error: 'invalid_request',
      error_description: 'Authorization Server policy requires PKCE to be used for this request',
    });
  });

  it('requires acr_values=eidas1', async () => {
    expect(await authorizationError({ acr_values: undefined })).toMatchObject({ error: 'invalid_request', error_description: 'acr_values must include eidas1' });
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const config = await discover(GATEWAY);
    const request = await prepareLogin(config, GATEWAY, { redirect_uri: 'http://attacker.test/callback' });
    const page = await new Browser().get(request.url);
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.body).toContain('invalid_redirect_uri');
  });
});

describe('client credentials for third parties', () => {
  async function discoverThirdParty() {
    return client.discovery(new URL(provider.issuer), SOCIAL_WORKER.clientId, SOCIAL_WORKER.clientSecret, client.ClientSecretBasic(), {
      execute: [client.allowInsecureRequests],
    });
  }

  it('issues an ES256 JWT access token for the gateway with the granted scopes', async () => {
    const tokens = await client.clientCredentialsGrant(await discoverThirdParty(), { scope: 'training:read family:read' });
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 60, scope: 'training:read family:read' });
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${provider.issuer}/jwks`)), {
      issuer: provider.issuer,
      audience: DEFAULT_THIRD_PARTY_AUDIENCE,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toEqual({
      iss: provider.issuer,
      aud: DEFAULT_THIRD_PARTY_AUDIENCE,
      sub: SOCIAL_WORKER.clientId,
      client_id: SOCIAL_WORKER.clientId,
      scope: 'training:read family:read',
      jti: expect.any(String),
      iat: expect.any(Number),
      exp: (payload.iat ?? 0) + 60,
    });
  });

  it('refuses a scope the client may not request', async () => {
    await expect(client.clientCredentialsGrant(await discoverThirdParty(), { scope: 'training:read employment:read' })).rejects.toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_scope',
    });
  });
});

describe('RP-initiated logout', () => {
  it('ends the provider session and returns to the post-logout URI with the state', async () => {
    const { config, tokens, browser } = await logIn(GATEWAY, 'jean.dupont');
    const state = client.randomState();
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: GATEWAY.postLogoutRedirectUris[0] ?? '',
      state,
    });
    expect(endSession.pathname).toBe('/api/v2/session/end');
    const confirm = await browser.get(endSession);
    expect(confirm.status).toBe(200);
    const form = readForm(confirm);
    const done = await browser.post(form.action, form.fields);
    expect(done.status).toBe(303);
    expect(done.location?.href).toBe(`${GATEWAY.postLogoutRedirectUris[0]}?state=${state}`);

    // Signed out: the same browser is asked to log in again instead of being let through.
    const again = await prepareLogin(config, GATEWAY);
    const page = await browser.followWithin(new URL(provider.issuer).origin, await browser.get(again.url));
    expect(page.status).toBe(200);
    expect(readForm(page).inputNames).toEqual(expect.arrayContaining(['login', 'password']));
  });

  it('signs a still-logged-in browser in silently before logout', async () => {
    const { browser } = await logIn(GATEWAY, 'jean.dupont');
    const config = await discover(GATEWAY);
    const again = await prepareLogin(config, GATEWAY);
    const page = await browser.followWithin(new URL(provider.issuer).origin, await browser.get(again.url));
    expect(page.location?.searchParams.get('code')).toBeTruthy();
  });
});
