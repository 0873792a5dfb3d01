import type { Database } from '../database.ts';
import type { NotificationKind } from '../../contract/notifications.ts';
import type { NotificationKeys } from './keys.ts';

/** What the worker needs to write to one subscriber: never the pivot. */
export interface Subscriber {
  personId: string;
  consentId: string;
  email: string;
  kinds: NotificationKind[];
}

/** An address to confirm, claimed for sending once. */
export interface PendingConfirmation {
  personId: string;
  consentId: string;
  email: string;
}

interface Row {
  person_id: string;
  consent_id: string;
  email_sealed: string | null;
  pending_email_sealed: string | null;
  kinds: NotificationKind[];
}

/**
 * The notifications worker's side of the subscriptions the identity subgraph keeps (its
 * migrations create the tables; subgraphs/identity/store/subscriptions.ts writes them): who to
 * write to, and which alerts were already written about (fingerprints, never contents).
 */
export class DeliveryStore {
  constructor(
    readonly db: Database,
    readonly keys: NotificationKeys,
  ) {}

  /** Subscribers with a confirmed address and an active consent at `at`, by person id, `limit` after `after`. */
  async subscribers(after: string | null, limit: number, at: Date): Promise<Subscriber[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT s.person_id, s.consent_id::text, s.email_sealed, s.kinds
         FROM notification_subscriptions s JOIN consents c ON c.id = s.consent_id
        WHERE ($1::text IS NULL OR s.person_id > $1) AND s.email_sealed IS NOT NULL AND c.revoked_at IS NULL AND c.expires_at > $3
        ORDER BY s.person_id LIMIT $2`,
      [after, limit, at],
    );
    return rows.map((row) => this.#subscriber(row));
  }

  /** One subscriber, when still subscribed with a confirmed address at `at`. */
  async subscriber(personId: string, at: Date): Promise<Subscriber | null> {
    const { rows } = await this.db.query<Row>(
      `SELECT s.person_id, s.consent_id::text, s.email_sealed, s.kinds
         FROM notification_subscriptions s JOIN consents c ON c.id = s.consent_id
        WHERE s.person_id = $1 AND s.email_sealed IS NOT NULL AND c.revoked_at IS NULL AND c.expires_at > $2`,
      [personId, at],
    );
    return rows[0] ? this.#subscriber(rows[0]) : null;
  }

  #subscriber(row: Row): Subscriber {
    return { personId: row.person_id, consentId: row.consent_id, email: this.keys.open<string>(row.email_sealed!, row.person_id), kinds: row.kinds };
  }

  /** Claims the addresses whose confirmation link is still to send: each is claimed by one worker only. */
  async claimConfirmations(at: Date, limit = 100): Promise<PendingConfirmation[]> {
    const { rows } = await this.db.query<Row>(
      `UPDATE notification_subscriptions SET confirmation_sent_at = $1
        WHERE person_id IN (SELECT person_id FROM notification_subscriptions
                             WHERE pending_email_sealed IS NOT NULL AND confirmation_sent_at IS NULL
                             LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING person_id, consent_id::text, pending_email_sealed`,
      [at, limit],
    );
    return rows.map((row) => ({ personId: row.person_id, consentId: row.consent_id, email: this.keys.open<string>(row.pending_email_sealed!, row.person_id) }));
  }

  /** Gives a claimed confirmation back, when the mail server refused it, for the next round. */
  async releaseConfirmation(personId: string): Promise<void> {
    await this.db.query('UPDATE notification_subscriptions SET confirmation_sent_at = NULL WHERE person_id = $1', [personId]);
  }

  /** Which of these fingerprints were already emailed to the person. */
  async sentAmong(personId: string, fingerprints: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ fingerprint: string }>(
      'SELECT fingerprint FROM notification_fingerprints WHERE person_id = $1 AND fingerprint = ANY($2::text[])',
      [personId, fingerprints],
    );
    return new Set(rows.map((row) => row.fingerprint));
  }

  /**
   * Claims alerts for emailing: records their fingerprints and returns those this call recorded,
   * so that of two workers at once only one sends each alert. A failed send gives them back.
   */
  async claim(personId: string, fingerprints: readonly string[], at: Date): Promise<string[]> {
    const { rows } = await this.db.query<{ fingerprint: string }>(
      `INSERT INTO notification_fingerprints (person_id, fingerprint, sent_at)
       SELECT $1, f, $3 FROM unnest($2::text[]) AS f ON CONFLICT DO NOTHING RETURNING fingerprint`,
      [personId, fingerprints, at],
    );
    return rows.map((row) => row.fingerprint);
  }

  /** Gives claimed alerts back when the mail server refused them: the retry claims them again. */
  async release(personId: string, fingerprints: readonly string[]): Promise<void> {
    await this.db.query('DELETE FROM notification_fingerprints WHERE person_id = $1 AND fingerprint = ANY($2::text[])', [personId, fingerprints]);
  }

  /** Forgets fingerprints older than the retention: an alert still there after it is emailed again, once. */
  async forgetSentBefore(before: Date): Promise<void> {
    await this.db.query('DELETE FROM notification_fingerprints WHERE sent_at < $1', [before]);
  }}
