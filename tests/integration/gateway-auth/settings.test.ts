import { describe, expect, it } from '@jest/globals';

import { readOidcSettings } from '../../../gateway/src/auth/index.ts';

describe('readOidcSettings', () => {
  it('defaults to the local mock provider and gateway of npm start', () => {
    expect(readOidcSettings({})).toEqual({
      issuer: 'http://localhost:4010',
      clientId: 'compte-des-comptes',
      clientSecret: 'compte-des-comptes-dev-secret-change-me',
      redirectUri: 'http://localhost:4000/auth/callback',
      postLogoutRedirectUri: 'http://localhost:4000/',
      timeoutSeconds: 5,
    });
  });

  it('reads the deployment values', () => {
    expect(
      readOidcSettings({
        FC_ISSUER: 'https://fc.example.gouv.fr/',
        FC_CLIENT_ID: 'cdc',
        FC_CLIENT_SECRET: 's3cret',
        GATEWAY_PUBLIC_URL: 'https://compte.example.gouv.fr/',
        FC_TIMEOUT_SECONDS: '3',
      }),
    ).toEqual({
      issuer: 'https://fc.example.gouv.fr',
      clientId: 'cdc',
      clientSecret: 's3cret',
      redirectUri: 'https://compte.example.gouv.fr/auth/callback',
      postLogoutRedirectUri: 'https://compte.example.gouv.fr/',
      timeoutSeconds: 3,
    });
  });

  it('refuses a malformed URL, naming the variable', () => {
    expect(() => readOidcSettings({ FC_ISSUER: 'not a url' })).toThrow(/FC_ISSUER/);
  });
});
