import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { randomBytes } from 'node:crypto';
import { ConfigError, secretWeakness } from '../../common/config.ts';
import { DEVELOPMENT_AGENCY_API_KEYS, DEVELOPMENT_DECLARATION_KEY, DEVELOPMENT_FC_CLIENT_SECRET, DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../../contract/development.ts';
import { SERVICES } from '../../dev/services.ts';

// Production fails closed: each process refuses, at start, a missing store, credential or
// address and a weak secret, naming the variable and what to do; development falls back to
// its embedded defaults and lists them. (The processes themselves, from dist/, are checked the
// same way by the production topology suite, tests/deployed/.)

const secret = () => randomBytes(32).toString('base64url');
const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });

/** Everything production asks of every service, valid: each test takes one thing away or weakens it. */
const PRODUCTION: Record<string, string> = {
  PLATFORM_ENV: 'production',
  INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(await exportJWK(privateKey)),
  INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify(await exportJWK(publicKey)),
  PERSON_ID_KEY: secret(),
  MODULE_PSEUDONYM_SECRET: secret(),
  FC_CLIENT_SECRET: secret(),
  FC_ISSUER: 'https://franceconnect.example.gouv.fr/api/v2',
  GATEWAY_PUBLIC_URL: 'https://compte.example.gouv.fr',
  REDIS_URL: 'redis://redis.internal:6379',
  DATABASE_URL: 'postgres://compte:pw@postgres.internal:5432/compte',
  DECLARATION_ENCRYPTION_KEY: secret(),
  NOTIFICATION_ENCRYPTION_KEY: secret(),
  NOTIFICATIONS_CLIENT_SECRET: secret(),
  SMTP_URL: 'smtps://compte:pw@smtp.example.fr:465',
  GATEWAY_URL: 'http://gateway.internal:4000',
  ...Object.fromEntries(
    ['IDENTITY', 'TRAINING', 'RETIREMENT', 'FAMILY', 'EMPLOYMENT', 'ACCOUNT'].map((name) => [
      `${name}_SUBGRAPH_URL`,
      `http://${name.toLowerCase()}.internal:4100/graphql`,
    ]),
  ),
  ...Object.fromEntries(['CPF', 'RGCU', 'CAF', 'FRANCE_TRAVAIL'].map((prefix) => [`${prefix}_URL`, `https://${prefix.toLowerCase()}.example.fr`])),
  ...Object.fromEntries(['CPF', 'RGCU', 'CAF', 'FRANCE_TRAVAIL'].map((prefix) => [`${prefix}_API_KEY`, secret()])),
};

const service = (name: string) => SERVICES.find((s) => s.definition.name === name)!.definition;

/** The problems a service's configuration reports for this environment, one line each. */
function problemsOf(name: string, env: Record<string, string | undefined>): string[] {
  try {
    service(name).readConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

const without = (...names: string[]) => Object.fromEntries(Object.entries(PRODUCTION).filter(([name]) => !names.includes(name)));

describe('in production', () => {
  it('every service starts from a complete environment, on no embedded default', () => {
    for (const { definition } of SERVICES) {
      expect([definition.name, definition.readConfig(PRODUCTION).developmentDefaults]).toEqual([definition.name, []]);
    }
  });

  it('is the default: a process given no PLATFORM_ENV is in production', () => {
    expect(problemsOf('identity', without('PLATFORM_ENV', 'DATABASE_URL'))).toEqual([
      'DATABASE_URL: required in production: postgres://… of the PostgreSQL keeping consents and the access journal (a legal record), declarations and the job queue',
    ]);
  });

  it('the gateway refuses to keep sessions in memory or use the development login, and names each variable', () => {
    expect(problemsOf('gateway', without('REDIS_URL', 'FC_CLIENT_SECRET', 'FC_ISSUER', 'GATEWAY_PUBLIC_URL', 'TRAINING_SUBGRAPH_URL'))).toEqual([
      'REDIS_URL: required in production: redis://… of the Redis every gateway instance shares (sessions, logins in progress, rate limits)',
      'GATEWAY_PUBLIC_URL: required in production: the https URL people reach the gateway at',
      "FC_ISSUER: required in production: FranceConnect's issuer (https://<host>/api/v2)",
      'FC_CLIENT_SECRET: required in production: the client secret FranceConnect gave the gateway',
      'TRAINING_SUBGRAPH_URL: required in production: where the gateway reaches the training subgraph',
    ]);
  });

  it('refuses weak secrets: short, repeated, or a documented development value', () => {
    expect(
      problemsOf('gateway', { ...PRODUCTION, FC_CLIENT_SECRET: 'x', PERSON_ID_KEY: 'a'.repeat(32), MODULE_PSEUDONYM_SECRET: DEVELOPMENT_FC_CLIENT_SECRET }),
    ).toEqual([
      'FC_CLIENT_SECRET: is shorter than 32 characters; generate one with `npm run -s secrets`',
      'PERSON_ID_KEY: is too regular to be a secret (about 0 bits of entropy, 128 needed); generate one with `npm run -s secrets`',
      'MODULE_PSEUDONYM_SECRET: is a documented development value, which anyone can read; generate one with `npm run -s secrets`',
    ]);
    expect(problemsOf('training', { ...PRODUCTION, CPF_API_KEY: DEVELOPMENT_AGENCY_API_KEYS.cpf })).toEqual([
      'CPF_API_KEY: is a documented development value, which anyone can read; generate one with `npm run -s secrets`',
    ]);
    expect(problemsOf('cpf', { ...PRODUCTION, CPF_API_KEY: 'abcd'.repeat(10) })).toEqual([
      'CPF_API_KEY: is too regular to be a secret (about 80 bits of entropy, 128 needed); generate one with `npm run -s secrets`',
    ]);
  });

  it('refuses an http issuer and a public URL on this machine', () => {
    expect(problemsOf('gateway', { ...PRODUCTION, FC_ISSUER: 'http://franceconnect.example.gouv.fr/api/v2', GATEWAY_PUBLIC_URL: 'https://localhost:8443' })).toEqual([
      'GATEWAY_PUBLIC_URL: must be the address people reach, not this machine (localhost:8443)',
      'FC_ISSUER: must be an https URL in production (cookies and codes travel over it), got http://',
    ]);
    expect(problemsOf('franceconnect', { ...PRODUCTION, FC_ISSUER: 'https://127.0.0.1/api/v2' })).toEqual([
      'FC_ISSUER: must be the address people reach, not this machine (127.0.0.1)',
    ]);
  });

  it('runs only the persisted operations, and serves a built web app', () => {
    expect(problemsOf('gateway', { ...PRODUCTION, GATEWAY_DOCUMENTS: 'any', WEB_APP_DIR: '/nonexistent' })).toEqual([
      'GATEWAY_DOCUMENTS: production runs only the persisted operations: unset it or set it to persisted',
      'WEB_APP_DIR: no built web app in /nonexistent (run `npm run build:web`, or point it at web/dist)',
    ]);
    expect(service('gateway').readConfig(PRODUCTION)).toMatchObject({ documents: 'persisted' });
  });

  it('the notifications: the identity subgraph and the worker refuse a missing or development key, the worker a missing mail server', () => {
    expect(problemsOf('identity', without('NOTIFICATION_ENCRYPTION_KEY'))).toEqual([
      'NOTIFICATION_ENCRYPTION_KEY: required in production: a random secret of at least 32 characters (`npm run -s secrets`), the same in the identity subgraph and the worker',
    ]);
    expect(problemsOf('worker', { ...without('SMTP_URL'), NOTIFICATION_ENCRYPTION_KEY: DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY })).toEqual([
      'SMTP_URL: required in production: smtp(s)://… of the mail server',
      'NOTIFICATION_ENCRYPTION_KEY: is a documented development value, which anyone can read; generate one with `npm run -s secrets`',
    ]);
  });

  it('keeps consents, the journal and declarations in PostgreSQL, sealed with a real key, and every agency subgraph and mock on a real key', () => {
    expect(problemsOf('identity', without('DATABASE_URL'))).toEqual([
      'DATABASE_URL: required in production: postgres://… of the PostgreSQL keeping consents and the access journal (a legal record), declarations and the job queue',
    ]);
    for (const name of ['identity', 'worker']) {
      expect(problemsOf(name, without('DECLARATION_ENCRYPTION_KEY'))).toEqual([
        'DECLARATION_ENCRYPTION_KEY: required in production: a random secret of 32+ characters sealing declared changes at rest, the same for the identity subgraph and the worker',
      ]);
      expect(problemsOf(name, { ...PRODUCTION, DECLARATION_ENCRYPTION_KEY: DEVELOPMENT_DECLARATION_KEY })).toEqual([
        'DECLARATION_ENCRYPTION_KEY: is a documented development value, which anyone can read; generate one with `npm run -s secrets`',
      ]);
    }
    expect(problemsOf('family', without('CAF_URL', 'CAF_API_KEY'))).toEqual([
      'CAF_URL: required in production: the base URL of the caf system',
      'CAF_API_KEY: required in production: the API key the caf system gave the platform',
    ]);
    expect(problemsOf('france-travail', without('FRANCE_TRAVAIL_API_KEY'))).toEqual([
      'FRANCE_TRAVAIL_API_KEY: required in production: the key the agency subgraph presents (the same value on both)',
    ]);
  });
});

describe('in development', () => {
  it('runs on the embedded defaults and lists them', () => {
    const config = service('gateway').readConfig({
      PLATFORM_ENV: 'development',
      INTERNAL_TOKEN_PRIVATE_JWK: PRODUCTION.INTERNAL_TOKEN_PRIVATE_JWK,
      PERSON_ID_KEY: PRODUCTION.PERSON_ID_KEY,
      MODULE_PSEUDONYM_SECRET: PRODUCTION.MODULE_PSEUDONYM_SECRET,
    });
    expect(config.developmentDefaults).toEqual(
      expect.arrayContaining([
        'REDIS_URL unset: sessions and rate limits kept in this process (one instance only, gone at exit)',
        'FC_CLIENT_SECRET unset: the documented development secret',
        'IDENTITY_SUBGRAPH_URL unset: http://localhost:4101/graphql',
      ]),
    );
    expect(config).toMatchObject({ documents: 'any', oidc: { issuer: 'http://localhost:4010/api/v2', clientSecret: DEVELOPMENT_FC_CLIENT_SECRET } });
  });
});

describe('secretWeakness', () => {
  it('accepts what `npm run secrets` prints and a long random hex string', () => {
    expect(secretWeakness(secret())).toBeUndefined();
    expect(secretWeakness(randomBytes(32).toString('hex'))).toBeUndefined();
  });
});
