import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { graphql, logIn, startTestPlatform } from '../support/platform.ts';

// The in-process store always; Redis too wherever REDIS_URL is set (CI sets it).
const stores: Array<[string, string | undefined]> = [['in-process', undefined]];
if (process.env.REDIS_URL) stores.push(['redis', process.env.REDIS_URL]);

describe.each(stores)('sessions in the %s store', (_name, redisUrl) => {
  it('a login reads the account, the session survives across requests, logout ends it', async () => {
    const platform = await startTestPlatform({ env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `cdc-test:${randomUUID()}:` } });
    try {
      const browser = await logIn(platform, 'sophie.lefevre');
      const query = '{ me { identity { familyName } retirement { requiredQuarters } } }';
      for (let i = 0; i < 3; i++) {
        expect((await graphql(platform, browser, query)).body).toEqual({
          data: { me: { identity: { familyName: 'LEFÈVRE' }, retirement: { requiredQuarters: 170 } } },
        });
      }
      expect((await browser.get(`${platform.gatewayUrl}/auth/logout`)).status).toBe(302);
      expect((await graphql(platform, browser, query)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await platform.close();
    }
  });
});
