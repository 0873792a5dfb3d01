import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { ThirdPartyRegistry } from '../../common/third-parties.ts';
import { createBearerVerifier, type VerifiedThirdParty } from '../../gateway/src/third-party/bearer.ts';

const AUDIENCE = 'urn:compte-des-comptes:gateway';
const union = {
  clientId: 'cfdt-conseil',
  name: 'CFDT',
  kind: 'UNION' as const,
  scopes: ['employment:read' as const, 'retirement:read' as const],
  devClientSecret: 'x'.repeat(32),
};

let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let verify: (token: string) => Promise<VerifiedThirdParty>;

/** A provider reduced to what the gateway fetches: discovery and keys, over a real socket. */
beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  signingKey = privateKey;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  server = createServer((req, res) => {
    const body = req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : req.url === '/jwks' ? jwks : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  verify = createBearerVerifier({ issuer, audience: AUDIENCE, registry: new ThirdPartyRegistry([union]), timeoutMs: 1000 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

function token(claims: JWTPayload, options: { typ?: string; iss?: string; aud?: string; exp?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ client_id: 'cfdt-conseil', sub: 'cfdt-conseil', jti: randomUUID(), scope: 'employment:read', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: options.typ ?? 'at+jwt' })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 60)
    .sign(signingKey);
}

describe('a third party’s bearer token', () => {
  it('is accepted when signed by the provider for the gateway, for a registered client within its scopes', async () => {
    expect(await verify(await token({}))).toEqual({ client: union, scopes: ['employment:read'] });
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 10 }, {}, 'unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp'],
    ['from another issuer', { iss: 'http://elsewhere' }, {}, 'unexpected JWT "iss" (issuer) claim value'],
    ['for another audience', { aud: 'urn:other' }, {}, 'unexpected JWT "aud" (audience) claim value'],
    ['of another type (an ID token)', { typ: 'JWT' }, {}, 'unexpected JWT "typ" header parameter value'],
    ['without a client id', {}, { client_id: undefined }, 'JWT "client_id" (client id) claim missing'],
  ])('is refused when %s', async (_case, options, claims, reason) => {
    await expect(verify(await token(claims, options))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
      message: `The bearer token was refused (${reason}); get a new one from the provider.`,
    });
  });

  it('is refused for a client not registered here', async () => {
    await expect(verify(await token({ client_id: 'someone' }))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      message: 'The bearer token was refused (client not registered here); get a new one from the provider.',
    });
  });

  it('is refused when it carries a scope beyond the client’s registration, even if the provider issued it', async () => {
    await expect(verify(await token({ scope: 'employment:read family:read' }))).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      message: "The bearer token was refused (scopes beyond the client's registration: family:read); get a new one from the provider.",
    });
  });
});
