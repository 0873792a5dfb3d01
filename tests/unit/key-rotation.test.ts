import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { importVerificationKey } from '../../common/config.ts';
import { mintInternalToken, verifyInternalToken, type InternalClaims } from '../../contract/internal-token.ts';
import { readAgencySubgraphConfig } from '../../subgraphs/shared/config.ts';

const CLAIMS: InternalClaims = { actor: { kind: 'anonymous' }, grants: {} };

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256' } };
}

const mint = (key: Awaited<ReturnType<typeof keyPair>>) =>
  mintInternalToken(CLAIMS, { key: key.privateKey, keyId: key.kid, audience: 'training', lifetimeSeconds: 60 });

describe('rotating the internal-token signing key with an overlap', () => {
  it('subgraphs given both public keys accept tokens of either gateway generation, chosen by kid', async () => {
    const [before, after] = await Promise.all([keyPair('2026-11-old'), keyPair('2026-12-new')]);
    const overlap = await importVerificationKey({ keys: [before.publicJwk, after.publicJwk] });
    for (const generation of [before, after]) {
      await expect(verifyInternalToken(await mint(generation), { key: overlap, audience: 'training' })).resolves.toMatchObject({ actor: { kind: 'anonymous' }, grants: {} });
    }
    // Once every gateway signs with the new key, the old one is withdrawn and its tokens refused.
    const afterOnly = await importVerificationKey({ keys: [after.publicJwk] });
    await expect(verifyInternalToken(await mint(before), { key: afterOnly, audience: 'training' })).rejects.toMatchObject({
      name: 'InternalTokenError', code: 'UNAUTHENTICATED',
      message: 'internal token rejected (ERR_JWKS_NO_MATCHING_KEY)',
    });
    await expect(verifyInternalToken(await mint(after), { key: afterOnly, audience: 'training' })).resolves.toBeDefined();
  });

  it('reads INTERNAL_TOKEN_PUBLIC_JWK as one key or a key set, and refuses an empty set by name', async () => {
    const { publicJwk } = await keyPair('k1');
    const base = { PLATFORM_ENV: 'development', PERSON_ID_KEY: 'a-person-id-key-long-enough-0123456789' };
    expect(readAgencySubgraphConfig('training', { ...base, INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify(publicJwk) }).tokenJwk).toEqual(publicJwk);
    expect(readAgencySubgraphConfig('training', { ...base, INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify({ keys: [publicJwk] }) }).tokenJwk).toEqual({
      keys: [publicJwk],
    });
    expect(() => readAgencySubgraphConfig('training', { ...base, INTERNAL_TOKEN_PUBLIC_JWK: '{"keys":[]}' })).toThrow(/INTERNAL_TOKEN_PUBLIC_JWK: must be a JWK/);
  });
});
