// `npx tsx bench/notifications.ts [subscribers]`: one round of the notifications worker over
// 10,000 subscribers (by default) of the 10,000-person population, on this machine: how long the
// evaluation takes, how many calls each agency received (one batch per page of 100, not one per
// person), then how long the emails take to reach the local SMTP catcher. PGlite, or PostgreSQL in
// a schema of its own when DATABASE_URL is set. Results are printed; see docs/notifications.md.
import { request } from 'undici';
import { NotificationKeys } from '../common/notifications/keys.ts';
import { personIdOf } from '../common/person-id.ts';
import { AGENCY_NAMES } from '../contract/agencies.ts';
import { DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY } from '../contract/development.ts';
import { NOTIFICATIONS_CLIENT_ID, NOTIFICATION_KINDS } from '../contract/notifications.ts';
import { startPlatform } from '../dev/platform.ts';
import { ON_FREE_PORTS } from '../dev/services.ts';
import { generatedPivots, generatePopulation } from '../mocks/population/index.ts';
import { SubscriptionStore } from '../subgraphs/identity/store/subscriptions.ts';

const subscribers = Number(process.argv[2] ?? 10_000);
const today = new Date().toISOString().slice(0, 10);
const schema = `bench_notifications_${process.pid}`;
const platform = await startPlatform({
  ...(process.env.LOG_LEVEL ? { logs: { level: process.env.LOG_LEVEL as 'warn' } } : {}),
  env: {
    ...ON_FREE_PORTS,
    POPULATION_SEED: '42',
    POPULATION_SIZE: '10000',
    POPULATION_TODAY: today,
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_SCHEMA: schema,
    // Sending is measured apart from the round: no retry delay hides a failure.
    NOTIFICATIONS_RETRY_DELAY_SECONDS: '1',
  },
});
const stats = async (agency: string, method: 'GET' | 'DELETE') => {
  const response = await request(`${platform.agencyUrls[agency as keyof typeof platform.agencyUrls]}/__control/stats`, { method });
  return (await response.body.json()) as { requests_total: number; requests_by_route: Record<string, number> };
};
try {
  const pivots = generatedPivots(generatePopulation({ seed: 42, size: 10_000, today })).slice(0, subscribers);
  const store = new SubscriptionStore(platform.database, new NotificationKeys(DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY));
  const platformClient = platform.thirdParties.get(NOTIFICATIONS_CLIENT_ID)!;
  const started = Date.now();
  const year = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  for (let i = 0; i < pivots.length; i += 50) {
    await Promise.all(
      pivots.slice(i, i + 50).map((pivot, j) =>
        store.subscribe({
          personId: personIdOf(pivot, platform.personIdKey),
          pivot,
          grantee: platformClient,
          email: `abonne-${i + j}@example.test`,
          pendingEmail: null,
          kinds: [...NOTIFICATION_KINDS],
          startsAt: new Date(),
          expiresAt: year,
        }),
      ),
    );
  }
  console.log(`${pivots.length} subscriptions written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  for (const agency of AGENCY_NAMES) await stats(agency, 'DELETE');
  const worker = platform.worker!;
  const roundStart = Date.now();
  const jobs = await worker.notifier.evaluate();
  const roundSeconds = (Date.now() - roundStart) / 1000;
  console.log(`\nRound over ${pivots.length} subscribers: ${roundSeconds.toFixed(1)} s, ${jobs.length} emails to send`);
  console.log('Agency calls during the round:');
  for (const agency of AGENCY_NAMES) {
    const { requests_total, requests_by_route } = await stats(agency, 'GET');
    console.log(`  ${agency}: ${requests_total} (${Object.entries(requests_by_route).map(([route, n]) => `${route} ×${n}`).join(', ')})`);
  }

  const sendStart = Date.now();
  await worker.notifier.settled(30 * 60 * 1000);
  console.log(`\n${platform.smtpCatcher!.emails.length} emails caught in ${((Date.now() - sendStart) / 1000).toFixed(1)} s after the round`);
} finally {
  await platform.close();
  if (process.env.DATABASE_URL) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
    await client.end();
  }
}
