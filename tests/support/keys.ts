import { exportJWK, generateKeyPair, type CryptoKey } from 'jose';

export interface TestKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** A fresh ES256 pair for internal tokens, as the platform generates one at start. */
export async function generateTokenKeys(): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicKey };
}

export { exportJWK };

export const PERSON_ID_KEY = 'test-person-id-key-0123456789abcdef';
