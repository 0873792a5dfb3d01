import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/** FranceConnect v2 signs ID tokens, userinfo and access tokens with ES256. */
export const SIGNING_ALG = 'ES256';

export interface SigningKeys {
  /** Private JWKs handed to oidc-provider. */
  privateJwks: JWK[];
  /** What the provider publishes at its JWKS endpoint. */
  publicJwks: { keys: JWK[] };
}

/** Uses the given private ES256 JWKs, or generates one (a restart then invalidates every token). */
export async function prepareSigningKeys(given?: readonly JWK[]): Promise<SigningKeys> {
  const privateJwks = given?.length ? given.map((jwk) => ({ ...jwk })) : [await generateSigningJwk()];
  for (const jwk of privateJwks) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
      throw new TypeError(`signing keys must be private EC P-256 JWKs (ES256); got kty=${jwk.kty} crv=${jwk.crv}`);
    }
    jwk.alg = SIGNING_ALG;
    jwk.use = 'sig';
    jwk.kid ??= await calculateJwkThumbprint(jwk);
  }
  return { privateJwks, publicJwks: { keys: privateJwks.map(toPublicJwk) } };
}

async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  return exportJWK(privateKey);
}

function toPublicJwk({ kty, crv, x, y, kid, alg, use }: JWK): JWK {
  return { kty, crv, x, y, kid, alg, use };
}
