import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { personIdOf } from '../../../common/person-id.ts';
import type { RunningPlatform } from '../../../dev/platform.ts';
import { personaIdentities } from '../../../mocks/population/personas.ts';
import type { RunningWorker } from '../../../worker/service.ts';
import type { CaughtEmail } from '../../../dev/smtp-catcher.ts';
import type { Browser } from '../../support/browser.ts';
import { dumpTables } from '../../support/database.ts';
import { controlAgency, graphql, logIn, resetAgency, startTestPlatform, waitForCircuits } from '../../support/platform.ts';
import { figuresIn, personaRightsFigures, redisEntries } from '../../support/rights-figures.ts';
import { graphqlAs, thirdPartyToken } from '../../support/third-party.ts';

// The notifications end to end (issue 16): citizens subscribe through the API, the worker
// evaluates their alerts through the gateway as the platform's own third party, and the emails
// land in the development SMTP catcher, on port 0.

const SUBSCRIBE = `mutation($input: NotificationSubscriptionInput!) {
  subscribeToNotifications(input: $input) { email pendingEmail kinds consent { id grantee { id name kind } scopes purpose { code text } status } }
}`;
const NOTIFICATIONS = '{ me { notifications { email pendingEmail kinds consent { id status } } } }';
const CONFIRM = 'mutation($token: String!) { confirmNotificationEmail(token: $token) { email pendingEmail } }';
const JOURNAL = '{ me { accessJournal(first: 20) { edges { node { reader { id name kind } purpose { code text } consentId sections } } } } }';
const CONSENTS = '{ me { consents { id grantee { id kind } status } } }';
const UNSUBSCRIBE = 'mutation { unsubscribeFromNotifications { status } }';
const ALL_KINDS = ['PRIME_ACTIVITE_NOT_CLAIMED', 'C2P_POINTS_UNUSED', 'CPF_NEAR_CAP', 'MONTHLY_UPDATE_DUE', 'BENEFIT_ENDING'];
const RIGHTS_FIGURES = personaRightsFigures();
const redisUrl = process.env.REDIS_URL;
const redisPrefix = `cdc-test-notifications-${randomUUID()}:`;

let platform: RunningPlatform;
/** The worker the tests drive; another replaces it once it is stopped. */
let worker: RunningWorker;
/** A second worker, from « two workers » on: it takes its share of the email jobs. */
let second: RunningWorker | undefined;

/** A counter of the notifications' metrics, summed over the workers running. */
async function counter(name: string): Promise<number> {
  let total = 0;
  for (const running of [worker, second]) {
    if (!running) continue;
    const text = await (await request(`${running.url}/metrics`)).body.text();
    total += Number(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  }
  return total;
}
const browsers = new Map<string, Browser>();
const emailOf = (login: string) => `${login}@example.fr`;

/** A round of the worker, then every email job it enqueued done (sent, or given up). */
async function evaluate(): Promise<void> {
  await worker.notifier.evaluate();
  await worker.notifier.settled();
}

const caught = () => platform.smtpCatcher!.emails;
const to = (login: string) => caught().filter((email) => email.to.includes(emailOf(login)));

beforeAll(async () => {
  platform = await startTestPlatform({ env: { NOTIFICATIONS_RETRY_DELAY_SECONDS: '1', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix } });
  worker = platform.worker!;
  const logins = ['karim.benali', 'lucas.petit', 'camille.martin', 'sophie.lefevre', 'aicha.diallo'];
  await Promise.all(logins.map(async (login) => browsers.set(login, await logIn(platform, login))));
}, 90_000);

afterAll(async () => {
  await platform?.close();
});

const subscribe = async (login: string, input: Record<string, unknown> = { kinds: ALL_KINDS }) => {
  const answer = await graphql(platform, browsers.get(login)!, SUBSCRIBE, { input });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data.subscribeToNotifications;
};

describe('karim.benali subscribes and is emailed once per alert', () => {
  let first: CaughtEmail;

  it('subscribing is a consent to the platform itself, on the address FranceConnect gave', async () => {
    const subscription = await subscribe('karim.benali');
    expect(subscription).toEqual({
      email: emailOf('karim.benali'),
      pendingEmail: null,
      kinds: ALL_KINDS,
      consent: {
        id: expect.any(String),
        grantee: { id: 'compte-des-comptes-notifications', name: 'Compte des comptes — notifications', kind: 'PLATFORM' },
        scopes: ['account:read', 'employment:read', 'family:read', 'retirement:read', 'training:read'],
        purpose: { code: 'NOTIFICATIONS', text: 'Vous prévenir par e-mail des alertes que vous avez choisies, sans rien garder de vos droits' },
        status: 'ACTIVE',
      },
    });
  });

  it('an evaluation sends exactly one email, naming the monthly update, with no figure, date or name', async () => {
    await evaluate();
    expect(caught().map((email) => email.to)).toEqual([[emailOf('karim.benali')]]);
    first = caught()[0]!;
    expect(first.subject).toBe('Une nouvelle alerte vous attend sur Compte des comptes');
    expect(first.text).toContain('- Votre actualisation mensuelle est à faire (France Travail)');
    expect(first.html).toContain('<li>Votre actualisation mensuelle est à faire (France Travail)</li>');
    expect(first.text.startsWith('Bonjour,\n')).toBe(true);
    expect(first.text).toContain(`${platform.gatewayUrl}/app/`);
    // Nothing but the greeting and what to look at: no digit outside the links, no name.
    const withoutLinks = first.text.replace(/https?:\/\/\S+/g, '');
    expect(withoutLinks).not.toMatch(/\d/);
    expect(first.text).not.toMatch(/Karim|Benali/i);
    expect(figuresIn(first.text + first.html, RIGHTS_FIGURES)).toEqual([]);
  });

  it('carries a one-click unsubscribe (RFC 8058) to the gateway', () => {
    expect(first.headers['list-unsubscribe']).toMatch(new RegExp(`^<${platform.gatewayUrl}/notifications/unsubscribe\\?token=[\\w.%-]+>$`));
    expect(first.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  });

  it('a second evaluation sends nothing', async () => {
    await evaluate();
    expect(caught()).toHaveLength(1);
  });

  it("the platform's reads are in karim's access journal, under his subscription", async () => {
    const { body } = await graphql(platform, browsers.get('karim.benali')!, JOURNAL);
    const consentId = (await graphql(platform, browsers.get('karim.benali')!, NOTIFICATIONS)).body.data.me.notifications.consent.id;
    const entry = {
      reader: { id: 'compte-des-comptes-notifications', name: 'Compte des comptes — notifications', kind: 'PLATFORM' },
      purpose: { code: 'NOTIFICATIONS', text: 'Vous prévenir par e-mail des alertes que vous avez choisies, sans rien garder de vos droits' },
      consentId,
      sections: ['alerts', 'employment', 'family', 'retirement', 'training'],
    };
    expect(body.data.me.accessJournal.edges.map((edge: { node: unknown }) => edge.node)).toEqual([entry, entry]);
  });
});

describe('an agency down, then back', () => {
  it('with the CAF down, lucas.petit gets no prime d’activité alert (withheld, not guessed); back, he gets it once', async () => {
    await subscribe('lucas.petit', { kinds: ['PRIME_ACTIVITE_NOT_CLAIMED'] });
    await controlAgency(platform.agencyUrls.caf, { fault: 'down' });
    try {
      await evaluate();
    } finally {
      await resetAgency(platform.agencyUrls.caf);
    }
    expect(to('lucas.petit')).toEqual([]);
    await waitForCircuits();
    await evaluate();
    expect(to('lucas.petit').map((email) => email.text.split('\n')[3])).toEqual([
      '- Une aide que vous ne demandez peut-être pas : la prime d’activité (Caisse d’allocations familiales (CAF))',
    ]);
    await evaluate();
    expect(to('lucas.petit')).toHaveLength(1);
  });
});

describe('several workers, and a mail server down', () => {
  it('two workers evaluating at once send one email', async () => {
    await subscribe('camille.martin');
    second = await platform.addWorkerInstance();
    await Promise.all([worker.notifier.evaluate(), second!.notifier.evaluate()]);
    await Promise.all([worker.notifier.settled(), second!.notifier.settled()]);
    expect(to('camille.martin')).toHaveLength(1);
  });

  it('the mail server down then back: each email is sent once, after retries', async () => {
    await subscribe('sophie.lefevre');
    const failed = await counter('notification_email_failures_total{kind="alerts"}');
    platform.smtpCatcher!.refuse(true);
    await worker.notifier.evaluate();
    // The first attempts fail and are retried with a growing delay; the server comes back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(to('sophie.lefevre')).toEqual([]);
    platform.smtpCatcher!.refuse(false);
    await worker.notifier.settled(20_000);
    expect(to('sophie.lefevre')).toHaveLength(1);
    expect(await counter('notification_email_failures_total{kind="alerts"}')).toBeGreaterThan(failed);
    await evaluate();
    expect(to('sophie.lefevre')).toHaveLength(1);
  });
});

describe('a restart', () => {
  it('a worker stopped with an email pending loses none: the next one sends it, once', async () => {
    const camille = browsers.get('camille.martin')!;
    // Stopping and subscribing again forgets what was sent: her alert is new again.
    expect((await graphql(platform, camille, UNSUBSCRIBE)).body.errors).toBeUndefined();
    await subscribe('camille.martin');
    platform.smtpCatcher!.refuse(true);
    const [job] = await worker.notifier.evaluate();
    // Stopped once the email's first attempt failed: the job waits in the queue for its retry.
    while ((await worker.notifier.stateOf(job!))?.state !== 'retry') await new Promise((resolve) => setTimeout(resolve, 50));
    await platform.stop('worker');
    platform.smtpCatcher!.refuse(false);
    worker = await platform.addWorkerInstance();
    await platform.smtpCatcher!.waitFor(caught().length + 1, 20_000);
    expect(to('camille.martin')).toHaveLength(2);
    await evaluate();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(to('camille.martin')).toHaveLength(2);
  });

  it('counts rounds, evaluations and emails for Prometheus', async () => {
    expect(await counter('notification_rounds_total{outcome="done"}')).toBeGreaterThan(0);
    expect(await counter('notification_evaluations_total{outcome="evaluated"}')).toBeGreaterThan(0);
    expect(await counter('notification_emails_sent_total{kind="alerts"}')).toBeGreaterThan(0);
    expect(await counter('notification_round_duration_seconds_count')).toBeGreaterThan(0);
  });
});

describe('another address, confirmed by a link', () => {
  it('aicha.diallo gives another address: only the link to confirm it goes there until she confirms', async () => {
    const pending = await subscribe('aicha.diallo', { email: 'aicha.autre@example.test', kinds: ['PRIME_ACTIVITE_NOT_CLAIMED'] });
    expect(pending).toMatchObject({ email: null, pendingEmail: 'aicha.autre@example.test' });
    await evaluate();
    expect(caught().filter((email) => email.to.includes('aicha.autre@example.test'))).toEqual([]);
    expect(await worker.notifier.confirmations()).toBe(1);
    expect(await worker.notifier.confirmations()).toBe(0);
    const [link] = caught().filter((email) => email.to.includes('aicha.autre@example.test'));
    expect(link!.subject).toBe('Confirmez votre adresse pour les alertes de Compte des comptes');
    const token = decodeURIComponent(/confirmer\?jeton=(\S+)/.exec(link!.text)![1]!);
    const forged = await graphql(platform, browsers.get('aicha.diallo')!, CONFIRM, { token: `${token}x` });
    expect(forged.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'token', reason: 'INVALID_LINK', serviceName: 'identity' });
    const confirmed = await graphql(platform, browsers.get('aicha.diallo')!, CONFIRM, { token });
    expect(confirmed.body).toEqual({ data: { confirmNotificationEmail: { email: 'aicha.autre@example.test', pendingEmail: null } } });
    await evaluate();
    expect(caught().filter((email) => email.to.includes('aicha.autre@example.test')).map((email) => email.subject)).toEqual([
      'Confirmez votre adresse pour les alertes de Compte des comptes',
      'Une nouvelle alerte vous attend sur Compte des comptes',
    ]);
  });
});

describe('unsubscribing in one click', () => {
  it('the link of the email stops them: the consent is revoked, nothing kept, no more email', async () => {
    const [karims] = to('karim.benali');
    const url = /^<(.+)>$/.exec(karims!.headers['list-unsubscribe']!)![1]!;
    const looked = await request(url);
    expect(looked.statusCode).toBe(200);
    expect(await looked.body.text()).toContain('<button type="submit">Me désabonner</button>');
    const clicked = await request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(clicked.statusCode).toBe(200);
    expect(await clicked.body.text()).toContain('Vous êtes désabonné');
    const again = await request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(again.statusCode).toBe(400);
    await again.body.dump();

    const karim = browsers.get('karim.benali')!;
    expect((await graphql(platform, karim, NOTIFICATIONS)).body).toEqual({ data: { me: { notifications: null } } });
    const consents = (await graphql(platform, karim, CONSENTS)).body.data.me.consents;
    expect(consents).toEqual([{ id: expect.any(String), grantee: { id: 'compte-des-comptes-notifications', kind: 'PLATFORM' }, status: 'REVOKED' }]);
    // His fingerprints are gone with the subscription: were he still subscribed, the alert would go again.
    const before = caught().length;
    await evaluate();
    expect(to('karim.benali')).toHaveLength(1);
    expect(caught()).toHaveLength(before);
  });

  it('a forged link does nothing', async () => {
    const answer = await request(`${platform.gatewayUrl}/notifications/unsubscribe?token=forged.token`, { method: 'POST', body: '' });
    expect(answer.statusCode).toBe(400);
    await answer.body.dump();
    expect((await graphql(platform, browsers.get('lucas.petit')!, NOTIFICATIONS)).body.data.me.notifications).toMatchObject({ consent: { status: 'ACTIVE' } });
  });
});

describe('a third party naming the persons of a request (X-Beneficiaries)', () => {
  const BENEFICIARIES = '{ beneficiaries(first: 20) { totalCount edges { node { id } } } }';
  const idOf = (login: string) => personIdOf(personaIdentities.find((persona) => persona.login === login)!.pivot, platform.personIdKey);

  it('reads those of them it has a consent of, and only those', async () => {
    const granted = await graphql(platform, browsers.get('sophie.lefevre')!, `mutation { grantConsent(grantee: "ccas-lyon", scopes: ["family:read"],
      purpose: { code: SOCIAL_SUPPORT, text: "Dossier logement" }, durationMonths: 1) { id } }`);
    expect(granted.body.errors).toBeUndefined();
    const token = await thirdPartyToken(platform, 'ccas-lyon', ['family:read']);
    const named = (ids: string[]) =>
      request(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-beneficiaries': ids.join(',') },
        body: JSON.stringify({ query: BENEFICIARIES }),
      }).then(async (response) => ({ status: response.statusCode, body: (await response.body.json()) as { data?: unknown; errors?: unknown[] } }));
    expect((await graphqlAs(platform, token, BENEFICIARIES)).body).toEqual({ data: { beneficiaries: { totalCount: 1, edges: [{ node: { id: idOf('sophie.lefevre') } }] } } });
    expect((await named([idOf('sophie.lefevre'), idOf('karim.benali')])).body).toEqual({
      data: { beneficiaries: { totalCount: 1, edges: [{ node: { id: idOf('sophie.lefevre') } }] } },
    });
    expect((await named([idOf('karim.benali')])).body).toEqual({ data: { beneficiaries: { totalCount: 0, edges: [] } } });
    const refused = await named(Array.from({ length: 101 }, (_, i) => `person-${i}`));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { message: 'x-beneficiaries names 1 to 100 person ids (as beneficiaries gives them), separated by commas.', extensions: { code: 'BAD_REQUEST' } },
    ]);
  });
});

describe('what is kept', () => {
  (redisUrl ? it : it.skip)('Redis holds no rights figure of any persona, in keys or values', async () => {
    const entries = await redisEntries(redisUrl as string, redisPrefix);
    expect(entries.length).toBeGreaterThan(0);
    expect(figuresIn(entries.join('\n'), RIGHTS_FIGURES)).toEqual([]);
  });

  it(`${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} holds no rights figure of any persona, nor a pivot or an address in clear`, async () => {
    const schema = (await platform.database.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
    const tables = { ...(await dumpTables(platform.database)), ...(await dumpTables(platform.database, `${schema}_jobs`)) };
    const text = Object.values(tables).flat().join('\n');
    expect(figuresIn(text, RIGHTS_FIGURES)).toEqual([]);
    for (const clear of ['example.fr', 'example.test', 'BENALI', 'Karim', '1983-09-02', '13055', 'actualisation']) expect(text).not.toContain(clear);
    // Per alert sent, one fingerprint: lucas, camille, sophie, aicha (karim's went with his subscription).
    expect(tables.notification_fingerprints!.length).toBeGreaterThanOrEqual(4);
  });
});
