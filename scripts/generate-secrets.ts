// `npm run -s secrets >> .env`: fresh secrets for a deployment's `.env`, one line each and nothing else
// (`-s` keeps npm's own banner out of it); see .env.example and docs/deployment.md.
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';

const kid = `internal-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
const secret = () => randomBytes(32).toString('base64url');

console.log(`INTERNAL_TOKEN_PRIVATE_JWK='${JSON.stringify(privateJwk)}'
INTERNAL_TOKEN_PUBLIC_JWK='${JSON.stringify(publicJwk)}'
PERSON_ID_KEY=${secret()}
MODULE_PSEUDONYM_SECRET=${secret()}
FC_CLIENT_SECRET=${secret()}
DECLARATION_ENCRYPTION_KEY=${secret()}
CPF_API_KEY=${secret()}
RGCU_API_KEY=${secret()}
CAF_API_KEY=${secret()}
FRANCE_TRAVAIL_API_KEY=${secret()}
POSTGRES_PASSWORD=${secret()}
NOTIFICATION_ENCRYPTION_KEY=${secret()}
NOTIFICATIONS_CLIENT_SECRET=${secret()}`);
