import { describe, expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import { InternalTokenVerifier, mintInternalToken, type InternalClaims } from '../../contract/internal-token.ts';

const CLAIMS: InternalClaims = { actor: { kind: 'citizen' }, grants: { 'person-1': ['family:read'] } };
const START = Date.parse('2026-11-10T12:00:00Z');

describe('a subgraph verifying internal tokens', () => {
  it('verifies a token once and serves it again until it expires, then refuses it', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const token = await mintInternalToken(CLAIMS, { key: privateKey, audience: 'family', lifetimeSeconds: 60, now: START });
    let now = START + 1_000;
    const verifier = new InternalTokenVerifier({ key: publicKey, audience: 'family', now: () => now });

    const first = await verifier.verify(token);
    expect(first).toEqual({ audience: 'family', actor: { kind: 'citizen' }, grants: { 'person-1': ['family:read'] } });
    expect(Object.isFrozen(first) && Object.isFrozen(first.grants)).toBe(true);
    now = START + 59_000;
    expect(await verifier.verify(token)).toBe(first);

    now = START + 60_000;
    await expect(verifier.verify(token)).rejects.toMatchObject({ name: 'InternalTokenError', code: 'UNAUTHENTICATED', message: 'internal token rejected (ERR_JWT_EXPIRED)' });
  });

  it('remembers no refusal: a token of another audience or a tampered one is refused every time', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const verifier = new InternalTokenVerifier({ key: publicKey, audience: 'family' });
    const other = await mintInternalToken(CLAIMS, { key: privateKey, audience: 'training', lifetimeSeconds: 60 });
    const good = await mintInternalToken(CLAIMS, { key: privateKey, audience: 'family', lifetimeSeconds: 60 });
    const tampered = `${good.slice(0, -4)}${good.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(verifier.verify(other)).rejects.toMatchObject({ message: 'internal token rejected (ERR_JWT_CLAIM_VALIDATION_FAILED)' });
      await expect(verifier.verify(tampered)).rejects.toMatchObject({ name: 'InternalTokenError', code: 'UNAUTHENTICATED' });
    }
    await expect(verifier.verify(good)).resolves.toMatchObject({ audience: 'family' });
  });
});
