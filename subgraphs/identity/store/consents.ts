import type { ThirdPartyKind } from '../../../common/third-parties.ts';
import type { Pivot } from '../../../contract/pivot.ts';
import type { Database, Queryable } from '../../../common/database.ts';

export type ConsentStatus = 'ACTIVE' | 'REVOKED' | 'EXPIRED';

export interface Purpose {
  code: string;
  text: string;
}

export interface Consent {
  id: string;
  personId: string;
  grantee: { clientId: string; name: string; kind: ThirdPartyKind };
  scopes: string[];
  purpose: Purpose;
  startsAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What the gateway needs of a consent to let its grantee read: never the pivot. */
export interface ActiveConsent {
  id: string;
  personId: string;
  scopes: string[];
  purpose: Purpose;
  expiresAt: Date;
}

export interface NewConsent {
  personId: string;
  /** Null for the platform's own consent, whose pivot is sealed in the subscription instead. */
  pivot: Pivot | null;
  grantee: Consent['grantee'];
  scopes: string[];
  purpose: Purpose;
  startsAt: Date;
  expiresAt: Date;
}

/** A person already has an active consent for this grantee: one at a time, so every read names one consent. */
export class ConsentAlreadyActiveError extends Error {
  readonly code = 'CONSENT_ALREADY_ACTIVE';
  constructor(readonly existingId: string) {
    super(`an active consent ${existingId} already exists for this grantee`);
  }
}

/** The status is never stored: it follows from revocation and expiry at the moment it is read. */
export function statusOf(consent: Pick<Consent, 'revokedAt' | 'expiresAt'>, now: Date): ConsentStatus {
  if (consent.revokedAt) return 'REVOKED';
  return consent.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'ACTIVE';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConsentRow {
  id: string;
  person_id: string;
  grantee_id: string;
  grantee_name: string;
  grantee_kind: ThirdPartyKind;
  scopes: string[];
  purpose_code: string;
  purpose_text: string;
  starts_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export const COLUMNS = `id::text, person_id, grantee_id, grantee_name, grantee_kind, scopes, purpose_code, purpose_text,
  starts_at, expires_at, revoked_at`;

export function toConsent(row: ConsentRow): Consent {
  return {
    id: row.id,
    personId: row.person_id,
    grantee: { clientId: row.grantee_id, name: row.grantee_name, kind: row.grantee_kind },
    scopes: row.scopes,
    purpose: { code: row.purpose_code, text: row.purpose_text },
    startsAt: new Date(row.starts_at),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
  };
}

/** Inserts one consent within the caller's transaction. */
export async function insertConsent(tx: Queryable, consent: NewConsent): Promise<Consent> {
  const { rows } = await tx.query<ConsentRow>(
    `INSERT INTO consents (person_id, pivot, grantee_id, grantee_name, grantee_kind, scopes, purpose_code, purpose_text, starts_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
      consent.personId,
      consent.pivot === null ? null : JSON.stringify(consent.pivot),
      consent.grantee.clientId,
      consent.grantee.name,
      consent.grantee.kind,
      consent.scopes,
      consent.purpose.code,
      consent.purpose.text,
      consent.startsAt,
      consent.expiresAt,
    ],
  );
  return toConsent(rows[0]!);
}

/** Consents in PostgreSQL. Every time-dependent query takes the instant from the caller's clock. */
export class ConsentStore {
  constructor(readonly db: Database) {}

  async grant(consent: NewConsent): Promise<Consent> {
    return this.db.transaction(async (tx) => {
      // Serialises grants of one person to one grantee, so two at once cannot both pass the check.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${consent.personId}\u001f${consent.grantee.clientId}`]);
      const { rows: active } = await tx.query<{ id: string }>(
        `SELECT id::text FROM consents
          WHERE person_id = $1 AND grantee_id = $2 AND revoked_at IS NULL AND expires_at > $3 LIMIT 1`,
        [consent.personId, consent.grantee.clientId, consent.startsAt],
      );
      if (active[0]) throw new ConsentAlreadyActiveError(active[0].id);
      return insertConsent(tx, consent);
    });
  }

  /** Revokes one of the person's consents (once: a second revocation keeps the first instant); null when it is not theirs. */
  async revoke(personId: string, id: string, at: Date): Promise<Consent | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await this.db.query<ConsentRow>(
      `UPDATE consents SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND person_id = $2 RETURNING ${COLUMNS}`,
      [id, personId, at],
    );
    return rows[0] ? toConsent(rows[0]) : null;
  }

  /** Every consent the person gave, newest first. */
  async ofPerson(personId: string): Promise<Consent[]> {
    const { rows } = await this.db.query<ConsentRow>(
      `SELECT ${COLUMNS} FROM consents WHERE person_id = $1 ORDER BY starts_at DESC, id`,
      [personId],
    );
    return rows.map(toConsent);
  }

  /** The grantee's consents that are active at `at`; of the persons `among` only, when given. */
  async activeFor(granteeId: string, at: Date, among?: readonly string[]): Promise<ActiveConsent[]> {
    const { rows } = await this.db.query<ConsentRow>(
      `SELECT ${COLUMNS} FROM consents
        WHERE grantee_id = $1 AND revoked_at IS NULL AND starts_at <= $2 AND expires_at > $2
          AND ($3::text[] IS NULL OR person_id = ANY($3::text[]))
        ORDER BY person_id`,
      [granteeId, at, among ?? null],
    );
    return rows.map((row) => {
      const { id, personId, scopes, purpose, expiresAt } = toConsent(row);
      return { id, personId, scopes, purpose, expiresAt };
    });
  }

  /** The pivots of persons who consented to this grantee (at any time), by person id. */
  async pivotsFor(granteeId: string, personIds: readonly string[]): Promise<Map<string, Pivot>> {
    const { rows } = await this.db.query<{ person_id: string; pivot: Pivot | string }>(
      `SELECT DISTINCT ON (person_id) person_id, pivot FROM consents
        WHERE grantee_id = $1 AND person_id = ANY($2::text[]) ORDER BY person_id, starts_at DESC`,
      [granteeId, personIds],
    );
    return new Map(rows.map((row) => [row.person_id, typeof row.pivot === 'string' ? (JSON.parse(row.pivot) as Pivot) : row.pivot]));
  }
}
