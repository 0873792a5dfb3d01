import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { personIdOf } from '../../common/person-id.ts';
import { DEMO_PASSWORD, personaIdentities } from '../../mocks/population/personas.ts';
import type { RunningPlatform } from '../../dev/platform.ts';
import { Browser, signIn } from '../support/browser.ts';
import { dumpTables } from '../support/database.ts';
import { LogCapture } from '../support/logs.ts';
import { controlAgency, graphql, logIn, resetAgency, startTestPlatform, waitForCircuits } from '../support/platform.ts';
import { figuresIn, personaRightsFigures, redisEntries } from '../support/rights-figures.ts';
import { graphqlAs, thirdPartyToken } from '../support/third-party.ts';

// Security checks over one run of the whole platform: many sessions at once, login, logout,
// consents, a third party's reads and the journal, an agency fault. Every socket the process
// opens is recorded, the logs of every server are kept (the platform's one logger,
// common/observability/logging.ts), and at the end Redis and the database are read back.

/** Every section, with the figures a leak would carry. */
const SECTIONS = `
    identity { givenNames familyName birthDate }
    training { cpf { balance } }
    retirement { validatedQuarters estimatedPension { monthlyGrossAmount } }
    family { familyQuotient { value } benefits { monthlyAmount } }
    employment { allowance { dailyGrossAmount } }`;
const QUERY = `{ me { id ${SECTIONS} } }`;

/** What a third party reads under each persona's consent. */
const BENEFICIARIES = `{ beneficiaries(first: 20) { edges { node { id ${SECTIONS} } } } }`;
const GRANT = `mutation($grantee: ID!, $scopes: [String!]!, $text: String!, $expiresAt: DateTime!) {
  grantConsent(grantee: $grantee, scopes: $scopes, purpose: { code: SOCIAL_SUPPORT, text: $text }, expiresAt: $expiresAt) { id }
}`;
const ALL_SCOPES = ['identity:read', 'family:read', 'employment:read', 'training:read', 'retirement:read'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const JOURNAL = '{ me { consents { status } accessJournal(first: 5) { edges { node { sections } } } } }';

/** None of these may be stored (tests/support/rights-figures.ts says which and why). */
const RIGHTS_FIGURES = personaRightsFigures();

const redisUrl = process.env.REDIS_URL;
const redisPrefix = `cdc-test-security-${randomUUID()}:`;
const logs = new LogCapture();
const connections: string[] = [];
const onSocket = ({ socket }: { socket: Socket }) => {
  socket.once('connect', () => connections.push(socket.remoteAddress ?? '?'));
};

let platform: RunningPlatform;
const browsers = new Map<string, Browser>();

beforeAll(async () => {
  subscribe('net.client.socket', onSocket as (message: unknown) => void);
  platform = await startTestPlatform({ env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix }, logs: { level: 'debug', destination: logs } });
  for (const { login } of personaIdentities) browsers.set(login, await logIn(platform, login));
});

afterAll(async () => {
  unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
  await platform?.close();
});

describe('cross-user isolation under concurrency', () => {
  it('many interleaved sessions: each answer holds its own person’s values only', async () => {
    const baseline = new Map<string, string>();
    for (const [login, browser] of browsers) {
      const { body } = await graphql(platform, browser, QUERY);
      expect(body.errors).toBeUndefined();
      baseline.set(login, JSON.stringify(body.data));
    }
    expect(new Set(baseline.values()).size).toBe(personaIdentities.length);

    const logins = [...browsers.keys()];
    const order = Array.from({ length: 90 }, (_, i) => logins[(i * 7) % logins.length]!);
    const answers = await Promise.all(order.map(async (login) => ({ login, body: (await graphql(platform, browsers.get(login)!, QUERY)).body })));
    for (const { login, body } of answers) {
      const { pivot } = personaIdentities.find((p) => p.login === login)!;
      expect(body.data.me.id).toBe(personIdOf(pivot, platform.personIdKey));
      expect(JSON.stringify(body.data)).toBe(baseline.get(login));
    }
  });
});

describe('sessions', () => {
  it('a session id held before login is never kept: the id rotates at login, and the old one reads nothing', async () => {
    const origin = new URL(platform.gatewayUrl).origin;
    const browser = await logIn(platform, 'camille.martin');
    const before = browser.cookie(origin, 'cdc_session')!;
    await logIn(platform, 'camille.martin', browser);
    const after = browser.cookie(origin, 'cdc_session')!;
    expect(after).not.toBe(before);
    const stale = new Browser();
    stale.setCookie(origin, 'cdc_session', before);
    expect((await graphql(platform, stale, '{ me { id } }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the session cookie is HttpOnly, SameSite=Lax, host-only, and an opaque 256-bit id', async () => {
    const browser = new Browser();
    const start = await browser.get(`${platform.gatewayUrl}/auth/login`);
    expect(start.setCookies).toEqual([expect.stringMatching(/^cdc_session_login=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/auth; HttpOnly; SameSite=Lax$/)]);
    const back = await signIn(browser, start.location as URL, 'karim.benali', DEMO_PASSWORD);
    const { setCookies } = await browser.get(back.location as URL);
    const session = setCookies.find((c) => c.startsWith('cdc_session='));
    expect(session).toMatch(/^cdc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(session).not.toMatch(/Domain=/i);
  });
});

describe('after the run', () => {
  beforeAll(async () => {
    // Every persona consents to a social worker, who reads all of them; each reads their journal.
    const consent = { grantee: 'ccas-lyon', scopes: ALL_SCOPES, text: 'Accompagnement social', expiresAt: inDays(30) };
    for (const browser of browsers.values()) expect((await graphql(platform, browser, GRANT, consent)).body.errors).toBeUndefined();
    const token = await thirdPartyToken(platform, 'ccas-lyon', ALL_SCOPES);
    const read = await graphqlAs(platform, token, BENEFICIARIES);
    expect([read.status, read.body.errors, read.body.data.beneficiaries.edges.length]).toEqual([200, undefined, personaIdentities.length]);
    // The figures went through the platform (in cents: five CPF balances, a daily allowance, three
    // benefits and a pension); what follows looks for them where they must not stay.
    expect(figuresIn(JSON.stringify(read.body), RIGHTS_FIGURES).map((figure) => figure.value)).toEqual([
      4120, 15105, 19919, 61240, 150906, 240000, 315000, 335000, 420000, 481000,
    ]);
    for (const browser of browsers.values()) {
      expect((await graphql(platform, browser, JOURNAL)).body.data.me.accessJournal.edges).toEqual([{ node: { sections: expect.any(Array) } }]);
    }
    // An agency fault and a logout belong to a full run too.
    await controlAgency(platform.agencyUrls.caf, { fault: 'error_500' });
    await graphql(platform, browsers.get('karim.benali')!, QUERY);
    await resetAgency(platform.agencyUrls.caf);
    await waitForCircuits();
    await browsers.get('lucas.petit')!.get(`${platform.gatewayUrl}/auth/logout`);
  });

  it('the servers logged requests, but no persona’s name or birth date and no token or cookie', async () => {
    const text = logs.text();
    const gatewayRoutes = new Set(logs.lines.filter((line) => line.service === 'gateway').map((line) => (line.req as { route?: string } | undefined)?.route));
    expect(gatewayRoutes).toContain('/graphql');
    expect(gatewayRoutes).toContain('/auth/callback');
    const secrets = [
      ...personaIdentities.flatMap(({ pivot }) => [pivot.family_name, pivot.given_name, pivot.birthdate, ...pivot.given_name.split(' ')]),
      ...[...browsers.values()].map((b) => b.cookie(new URL(platform.gatewayUrl).origin, 'cdc_session') ?? '').filter(Boolean),
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // no JWT (ID token, internal token)
    expect(text).not.toMatch(/[?&](code|state)=/);
  });

  it('the process opened no connection beyond this machine', () => {
    expect(connections.length).toBeGreaterThan(0);
    expect([...new Set(connections)].filter((address) => !['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address))).toEqual([]);
  });

  (redisUrl ? it : it.skip)('Redis holds no rights figure of any persona, in keys or values', async () => {
    const entries = await redisEntries(redisUrl as string, redisPrefix);
    expect(entries.length).toBeGreaterThan(0);
    expect(figuresIn(entries.join('\n'), RIGHTS_FIGURES)).toEqual([]);
  });

  it(`${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} holds no rights figure of any persona, in any table`, async () => {
    const tables = await dumpTables(platform.database);
    // What the platform stores: a consent per persona, and one journal entry per persona read
    // (nobody declared a change or subscribed to notifications here).
    expect(Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length]))).toEqual({
      access_journal: personaIdentities.length,
      consents: personaIdentities.length,
      declaration_deliveries: 0,
      declarations: 0,
      notification_fingerprints: 0,
      notification_subscriptions: 0,
      schema_migrations: 4,
    });
    expect(figuresIn(Object.values(tables).flat().join('\n'), RIGHTS_FIGURES)).toEqual([]);
  });

  it('the same scan finds a figure once one is stored: karim copies his CPF balance into a consent’s purpose', async () => {
    const karim = browsers.get('karim.benali')!;
    const balance = (await graphql(platform, karim, QUERY)).body.data.me.training.cpf.balance as number;
    const text = `Solde CPF ${balance / 100} €`;
    const planted = await graphql(platform, karim, GRANT, { grantee: 'mutuelle-solidaire', scopes: ['family:read'], text, expiresAt: inDays(1) });
    expect(planted.body.errors).toBeUndefined();
    const tables = await dumpTables(platform.database);
    expect(figuresIn(Object.values(tables).flat().join('\n'), RIGHTS_FIGURES)).toEqual([
      { value: 4200, source: 'karim.benali cpf.compte.solde_euros (€)' },
    ]);
  });
});
