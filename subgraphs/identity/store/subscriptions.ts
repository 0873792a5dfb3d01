import { addressDigest, type NotificationKeys } from '../../../common/notifications/keys.ts';
import type { ThirdParty } from '../../../common/third-parties.ts';
import { NOTIFICATIONS_CLIENT_ID, NOTIFICATIONS_PURPOSE, NOTIFICATION_SCOPES, type NotificationKind } from '../../../contract/notifications.ts';
import type { Pivot } from '../../../contract/pivot.ts';
import { COLUMNS, insertConsent, toConsent, type Consent, type ConsentRow } from './consents.ts';
import type { Database } from '../../../common/database.ts';

/** A subscription as its owner reads it: addresses opened, the consent it is. */
export interface Subscription {
  personId: string;
  email: string | null;
  pendingEmail: string | null;
  kinds: NotificationKind[];
  consent: Consent;
}

interface SubscriptionRow {
  person_id: string;
  consent_id: string;
  pivot_sealed: string;
  email_sealed: string | null;
  pending_email_sealed: string | null;
  kinds: NotificationKind[];
}

/**
 * Notification subscriptions: each is a consent to the platform (consents table, grantee the
 * notifications client, no pivot there) and one row here holding, sealed, what reaching the person
 * later needs (their pivot, their address), plus the fingerprints of the alerts already emailed.
 * Unsubscribing deletes the row and the fingerprints; the revoked consent and its journal remain.
 */
export class SubscriptionStore {
  constructor(
    readonly db: Database,
    readonly keys: NotificationKeys,
  ) {}

  /** Subscribes, or replaces the subscription (a new consent; the previous one is revoked). */
  async subscribe(input: {
    personId: string;
    pivot: Pivot;
    grantee: Pick<ThirdParty, 'clientId' | 'name' | 'kind'>;
    email: string | null;
    pendingEmail: string | null;
    kinds: NotificationKind[];
    startsAt: Date;
    expiresAt: Date;
  }): Promise<Subscription> {
    const { personId } = input;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${personId}\u001f${NOTIFICATIONS_CLIENT_ID}`]);
      await tx.query(
        `UPDATE consents SET revoked_at = $3 WHERE person_id = $1 AND grantee_id = $2 AND revoked_at IS NULL`,
        [personId, NOTIFICATIONS_CLIENT_ID, input.startsAt],
      );
      await tx.query('DELETE FROM notification_subscriptions WHERE person_id = $1', [personId]);
      const consent = await insertConsent(tx, {
        personId,
        pivot: null,
        grantee: input.grantee,
        scopes: [...NOTIFICATION_SCOPES].sort(),
        purpose: NOTIFICATIONS_PURPOSE,
        startsAt: input.startsAt,
        expiresAt: input.expiresAt,
      });
      await tx.query(
        `INSERT INTO notification_subscriptions (person_id, consent_id, pivot_sealed, email_sealed, pending_email_sealed, kinds)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          personId,
          consent.id,
          this.keys.seal(input.pivot, personId),
          input.email === null ? null : this.keys.seal(input.email, personId),
          input.pendingEmail === null ? null : this.keys.seal(input.pendingEmail, personId),
          input.kinds,
        ],
      );
      return { personId, email: input.email, pendingEmail: input.pendingEmail, kinds: input.kinds, consent };
    });
  }

  /** The person's subscription, when its consent is still active at `at`. */
  async ofPerson(personId: string, at: Date): Promise<Subscription | null> {
    const { rows } = await this.db.query<SubscriptionRow & ConsentRow>(
      `SELECT s.person_id, s.consent_id::text, s.pivot_sealed, s.email_sealed, s.pending_email_sealed, s.kinds, ${qualified('c')}
         FROM notification_subscriptions s JOIN consents c ON c.id = s.consent_id
        WHERE s.person_id = $1 AND c.revoked_at IS NULL AND c.expires_at > $2`,
      [personId, at],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      personId,
      email: row.email_sealed === null ? null : this.keys.open<string>(row.email_sealed, personId),
      pendingEmail: row.pending_email_sealed === null ? null : this.keys.open<string>(row.pending_email_sealed, personId),
      kinds: row.kinds,
      consent: toConsent({ ...row, id: row.consent_id }),
    };
  }

  /** Makes the pending address the one written to, when the link names this subscription and that address. */
  async confirm(personId: string, consentId: string, digest: string, at: Date): Promise<Subscription | null> {
    const current = await this.ofPerson(personId, at);
    if (!current || current.consent.id !== consentId || current.pendingEmail === null || addressDigest(current.pendingEmail) !== digest) return null;
    await this.db.query(
      `UPDATE notification_subscriptions SET email_sealed = pending_email_sealed, pending_email_sealed = NULL, confirmation_sent_at = NULL
        WHERE person_id = $1 AND consent_id = $2`,
      [personId, consentId],
    );
    return { ...current, email: current.pendingEmail, pendingEmail: null };
  }

  /**
   * Ends a subscription now: revokes its consent, deletes the sealed pivot, the addresses and the
   * fingerprints. By the person, or by anyone holding its signed unsubscribe link (its consent id).
   */
  async unsubscribe(where: { personId: string } | { consentId: string }, at: Date): Promise<Consent | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ person_id: string; consent_id: string }>(
        'personId' in where
          ? 'DELETE FROM notification_subscriptions WHERE person_id = $1 RETURNING person_id, consent_id::text'
          : 'DELETE FROM notification_subscriptions WHERE consent_id = $1::uuid RETURNING person_id, consent_id::text',
        ['personId' in where ? where.personId : where.consentId],
      );
      const ended = rows[0];
      if (!ended) return null;
      await tx.query('DELETE FROM notification_fingerprints WHERE person_id = $1', [ended.person_id]);
      const revoked = await tx.query<ConsentRow>(
        `UPDATE consents SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
        [ended.consent_id, at],
      );
      return revoked.rows[0] ? toConsent(revoked.rows[0]) : null;
    });
  }

  /** The sealed pivots of subscribers among `personIds`, opened: how the agency subgraphs find them. */
  async pivotsFor(personIds: readonly string[]): Promise<Map<string, Pivot>> {
    const { rows } = await this.db.query<{ person_id: string; pivot_sealed: string }>(
      'SELECT person_id, pivot_sealed FROM notification_subscriptions WHERE person_id = ANY($1::text[])',
      [personIds],
    );
    return new Map(rows.map((row) => [row.person_id, this.keys.open<Pivot>(row.pivot_sealed, row.person_id)]));
  }


}

const qualified = (alias: string) =>
  COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
