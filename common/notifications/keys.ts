import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { SealedBox } from '../sealed-box.ts';
import type { NotificationLinkPurpose } from '../../contract/notifications.ts';

/**
 * The keys of the notifications, derived from one configured secret (NOTIFICATION_ENCRYPTION_KEY)
 * with HKDF, one per use, so a link's signature never shares a key with the data at rest:
 * - `seal`/`open`: AES-256-GCM (common/sealed-box.ts) of what is kept to reach the person later
 *   (their identity pivot, their address). A row read out of the database, or a backup, tells
 *   nothing without the key; the person id is bound in, so a row moved to another person fails.
 * - `sign`/`verify`: the links of an email (confirm an address, unsubscribe in one click), an
 *   HMAC over what the link does, so nobody can forge one for someone else.
 */
export class NotificationKeys {
  readonly #box: SealedBox;
  readonly #signing: Buffer;

  constructor(secret: string) {
    this.#box = new SealedBox(secret, 'notifications/seal');
    this.#signing = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'compte-des-comptes/notifications/sign', 32));
  }

  /** Seals a value for one person (`context`: their id), who alone opens it. */
  seal(value: unknown, context: string): string {
    return this.#box.seal(value, context);
  }

  /** The value; throws when the key, the context or a byte differs. */
  open<T>(sealed: string, context: string): T {
    return this.#box.open<T>(sealed, context);
  }

  /** A link token: what it does, for which subscription (a consent id), until when. */
  sign(link: SignedLink): string {
    const payload = Buffer.from(JSON.stringify([link.purpose, link.subject, link.expiresAt.getTime()])).toString('base64url');
    return `${payload}.${this.#mac(payload)}`;
  }

  /** The link a token signs, or null when it is forged, altered, expired or meant for something else. */
  verify(token: string, purpose: NotificationLinkPurpose, now: Date): SignedLink | null {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const [what, subject, expires] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
      if (what !== purpose || typeof subject !== 'string' || typeof expires !== 'number' || expires <= now.getTime()) return null;
      return { purpose, subject, expiresAt: new Date(expires) };
    } catch {
      return null;
    }
  }

  /** A fingerprint of an alert already sent: keyed, so the table cannot be matched against guesses. */
  fingerprint(personId: string, alertId: string): string {
    return createHmac('sha256', this.#signing).update(`alert\u001f${personId}\u001f${alertId}`).digest('base64url');
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#signing).update(`link\u001f${payload}`).digest('base64url');
  }
}

export interface SignedLink {
  purpose: NotificationLinkPurpose;
  /** The subscription's consent id, and for an address to confirm, a digest of that address. */
  subject: string;
  expiresAt: Date;
}

/** The digest a confirmation link carries of the address it confirms (the link names no address). */
export const addressDigest = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

/** The subject a confirmation link signs: the subscription (its consent id) and the address, by digest. */
export const confirmationSubject = (consentId: string, email: string) => `${consentId} ${addressDigest(email)}`;
