import { confirmationSubject, type NotificationKeys } from '../../common/notifications/keys.ts';
import type { DeliveryStore, Subscriber } from '../../common/notifications/delivery-store.ts';
import { jobId, type JobQueue, type JobState, type QueuedJob } from '../../common/queue/job-queue.ts';
import type { Logger } from '../../common/observability/logging.ts';
import type { AlertsClient, PersonAlerts } from './alerts-client.ts';
import type { Mailer } from './mailer.ts';
import { alertsMessage, confirmationMessage, type AlertNotice } from './message.ts';
import type { NotificationMetrics } from './metrics.ts';

export const EVALUATE_QUEUE = 'notifications-evaluate';
export const SEND_QUEUE = 'notifications-send';
export const CONFIRM_QUEUE = 'notifications-confirm';

/** A send job: whom, and which alerts, sealed (the queue's tables hold nothing readable of a person). */
interface SendJob {
  personId: string;
  sealed: string;
}

export interface NotifierOptions {
  queue: JobQueue;
  store: DeliveryStore;
  keys: NotificationKeys;
  alerts: AlertsClient;
  mailer: Mailer;
  metrics: NotificationMetrics;
  logger: Logger;
  /** The gateway's public URL: the app and the unsubscribe links lead there. */
  publicUrl: string;
  /** Subscribers per gateway request: one agency call per agency per page. */
  batchSize: number;
  /** Retries of an email the mail server refused, with doubling delays from `retryDelaySeconds`. */
  sendRetries: number;
  retryDelaySeconds: number;
  /** Emails handed to the mail server at once by this worker. */
  sendConcurrency: number;
  now: () => Date;
}

/** Email jobs a worker takes at each poll of the queue, per concurrent sender. */
const SEND_BATCH = 25;
/** How long an unsubscribe link works: beyond the longest subscription, so that an old email still stops the next. */
const UNSUBSCRIBE_LINK_DAYS = 400;
/** How long a confirmation link works. */
const CONFIRMATION_LINK_DAYS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The notifications: a round reads the alerts of every subscriber, page by page, keeps for each the
 * kinds they chose whose fingerprint was never sent, and enqueues one email per person with those.
 * The email job claims the fingerprints before sending (so two workers never both send one) and
 * gives them back when the mail server fails (so the retry sends it, once).
 */
export class Notifier {
  readonly #o: NotifierOptions;
  /** Email jobs this worker enqueued and has not seen finished: what `settled` waits for. */
  readonly #enqueued = new Set<string>();

  constructor(options: NotifierOptions) {
    this.#o = options;
  }

  /** Takes jobs of the three queues; emails `sendConcurrency` at a time. */
  async work(): Promise<void> {
    await this.#o.queue.work(EVALUATE_QUEUE, () => this.evaluate().then(() => undefined));
    // Many short jobs after a round: a batch per poll. A batch retried after a failure sends none
    // twice, since each email claims its alerts first.
    for (let i = 0; i < this.#o.sendConcurrency; i++) await this.#o.queue.work<SendJob>(SEND_QUEUE, (job) => this.#send(job), { batchSize: SEND_BATCH });
    await this.#o.queue.work(CONFIRM_QUEUE, () => this.confirmations().then(() => undefined));
  }

  /** One round over every subscriber; answers the ids of the email jobs it enqueued. */
  async evaluate(): Promise<string[]> {
    const { store, metrics, now } = this.#o;
    const sent: string[] = [];
    const end = metrics.evaluationDuration.startTimer();
    try {
      const read = await this.#o.alerts.round();
      let after: string | null = null;
      for (;;) {
        const page = await store.subscribers(after, this.#o.batchSize, now());
        if (page.length === 0) break;
        after = page.at(-1)!.personId;
        const subscribers = new Map(page.map((subscriber) => [subscriber.personId, subscriber]));
        for (const person of await read([...subscribers.keys()])) {
          const subscriber = subscribers.get(person.personId);
          metrics.evaluations.inc({ outcome: person.unavailable === null ? 'unavailable' : 'evaluated' });
          if (!subscriber) continue;
          // An agency that could not be read gave no alert this round: nothing is guessed, nothing is forgotten.
          const id = await this.#enqueue(person, subscriber);
          if (id) sent.push(id);
        }
      }
      metrics.rounds.inc({ outcome: 'done' });
    } catch (error) {
      metrics.rounds.inc({ outcome: 'failed' });
      throw error;
    } finally {
      end();
    }
    return sent;
  }

  /**
   * Resolves once every email job this worker enqueued is finished (sent, skipped, or its retries
   * spent), wherever it ran: tests wait for it after a round, instead of a fixed delay.
   */
  async settled(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const id of [...this.#enqueued]) {
        const job = await this.#o.queue.find(SEND_QUEUE, id);
        if (!job || job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') this.#enqueued.delete(id);
      }
      if (this.#enqueued.size === 0) return;
      if (Date.now() > deadline) throw new Error(`${this.#enqueued.size} email job(s) still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Enqueues the email of the person's chosen alerts never sent; its job id, or null when there is none. */
  async #enqueue(person: PersonAlerts, subscriber: Subscriber): Promise<string | null> {
    const { store, keys, now } = this.#o;
    const chosen = person.alerts.filter((alert) => subscriber.kinds.includes(alert.kind));
    if (chosen.length === 0) return null;
    const fingerprints = chosen.map((alert) => keys.fingerprint(person.personId, alert.id));
    const already = await store.sentAmong(person.personId, fingerprints);
    const notices = chosen
      .map((alert, i) => ({ kind: alert.kind, agency: alert.agency, fingerprint: fingerprints[i]! }))
      .filter(({ fingerprint }) => !already.has(fingerprint));
    if (notices.length === 0) return null;
    const id = await this.#o.queue.send<SendJob>(
      SEND_QUEUE,
      { personId: person.personId, sealed: keys.seal({ consentId: subscriber.consentId, notices }, person.personId) },
      {
        // The same alerts for the same subscription on the same day are one job, however many
        // workers evaluate at once; a day later, one that failed for good is tried anew.
        id: jobId(SEND_QUEUE, subscriber.consentId, now().toISOString().slice(0, 10), ...notices.map((n) => n.fingerprint).sort()),
        retryLimit: this.#o.sendRetries,
        retryDelaySeconds: this.#o.retryDelaySeconds,
        retryBackoff: true,
      },
    );
    if (id) this.#enqueued.add(id);
    return id;
  }

  /** Where an email job is (waiting for its retry, done…), whichever worker holds it; null once archived. */
  stateOf(jobId: string): Promise<JobState | null> {
    return this.#o.queue.find(SEND_QUEUE, jobId);
  }

  /** Sends the links that confirm new addresses; answers how many went. */
  async confirmations(): Promise<number> {
    const { store, keys, mailer, metrics, now } = this.#o;
    let count = 0;
    for (const pending of await store.claimConfirmations(now())) {
      const token = keys.sign({ purpose: 'confirm-email', subject: confirmationSubject(pending.consentId, pending.email), expiresAt: new Date(now().getTime() + CONFIRMATION_LINK_DAYS * DAY_MS) });
      try {
        await mailer.send(confirmationMessage(pending.email, `${this.#o.publicUrl}/app/notifications/confirmer?jeton=${encodeURIComponent(token)}`));
        metrics.emails.inc({ kind: 'confirmation' });
        count += 1;
      } catch (error) {
        metrics.failures.inc({ kind: 'confirmation' });
        await store.releaseConfirmation(pending.personId);
        throw error;
      }
    }
    return count;
  }

  async #send(job: QueuedJob<SendJob>): Promise<void> {
    const { store, keys, mailer, metrics, now, logger } = this.#o;
    const { personId } = job.data;
    const { consentId, notices } = keys.open<{ consentId: string; notices: Array<AlertNotice & { fingerprint: string }> }>(job.data.sealed, personId);
    const subscriber = await store.subscriber(personId, now());
    // Unsubscribed since the round, or subscribed anew: this email is no longer wanted.
    if (subscriber?.consentId !== consentId) return;
    const claimed = new Set(await store.claim(personId, notices.map((n) => n.fingerprint), now()));
    const mine = notices.filter((n) => claimed.has(n.fingerprint));
    if (mine.length === 0) return;
    const unsubscribe = keys.sign({ purpose: 'unsubscribe', subject: consentId, expiresAt: new Date(now().getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS) });
    try {
      await mailer.send(
        alertsMessage(subscriber.email, mine, {
          app: `${this.#o.publicUrl}/app/`,
          unsubscribe: `${this.#o.publicUrl}/notifications/unsubscribe?token=${encodeURIComponent(unsubscribe)}`,
        }),
      );
    } catch (error) {
      metrics.failures.inc({ kind: 'alerts' });
      await store.release(personId, [...claimed]);
      logger.warn({ err: { name: (error as Error).name, code: (error as { code?: string }).code }, retry: job.retryCount }, 'notification email refused, retried later');
      throw error;
    }
    metrics.emails.inc({ kind: 'alerts' });
  }
}
