import { randomUUID } from 'node:crypto';
import type { AgencyName } from '../../../contract/agencies.ts';
import type { ChangeKind } from '../../../contract/declarations.ts';
import type { Database, Queryable } from '../../../common/database.ts';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'REFUSED' | 'NO_FILE' | 'CANCELLED' | 'UNDELIVERED';

/** What remains of a declaration: the receipt, and while an agency has not answered, the sealed change. */
export interface Declaration {
  id: string;
  /** Orders a person's declarations; the cursor of the list. */
  seq: string;
  personId: string;
  receipt: string;
  kind: ChangeKind;
  declaredAt: Date;
  cancelledAt: Date | null;
  /** Null once every agency answered or the person cancelled. */
  sealed: string | null;
  deliveries: Array<{ agency: AgencyName; status: DeliveryStatus; reason: string | null; answeredAt: Date | null }>;
}

interface DeclarationRow {
  id: string;
  seq: string;
  person_id: string;
  receipt: string;
  kind: ChangeKind;
  declared_at: Date;
  cancelled_at: Date | null;
  sealed: string | null;
  deliveries: Array<{ agency: AgencyName; status: DeliveryStatus; reason: string | null; answered_at: string | null }>;
}

const SELECT = `SELECT d.id::text, d.seq::text, d.person_id, d.receipt, d.kind, d.declared_at, d.cancelled_at, d.sealed,
    (SELECT coalesce(json_agg(json_build_object('agency', x.agency, 'status', x.status, 'reason', x.reason, 'answered_at', x.answered_at)
       ORDER BY x.agency), '[]'::json) FROM declaration_deliveries x WHERE x.declaration_id = d.id) AS deliveries
  FROM declarations d`;

const toDeclaration = (row: DeclarationRow): Declaration => ({
  id: row.id,
  seq: row.seq,
  personId: row.person_id,
  receipt: row.receipt,
  kind: row.kind,
  declaredAt: new Date(row.declared_at),
  cancelledAt: row.cancelled_at === null ? null : new Date(row.cancelled_at),
  sealed: row.sealed,
  deliveries: (typeof row.deliveries === 'string' ? (JSON.parse(row.deliveries) as DeclarationRow['deliveries']) : row.deliveries).map((d) => ({
    agency: d.agency,
    status: d.status,
    reason: d.reason,
    answeredAt: d.answered_at === null ? null : new Date(d.answered_at),
  })),
});

/** A receipt number a person can quote: the year and 10 characters of the id, never the person. */
const receiptOf = (id: string, at: Date) => `DC-${at.getUTCFullYear()}-${id.replaceAll('-', '').slice(0, 10).toUpperCase()}`;

export interface NewDeclaration {
  personId: string;
  idempotencyKey: string;
  kind: ChangeKind;
  agencies: readonly AgencyName[];
  declaredAt: Date;
  /** Seals the change for the declaration's id (the id is bound to the sealed value). */
  seal: (id: string) => string;
}

/**
 * Declarations of a change of situation: created once per (person, idempotency key), each with
 * one delivery per agency; the sealed change is dropped in the same transaction as the last
 * answer, or at cancellation.
 */
export class DeclarationStore {
  constructor(readonly db: Database) {}

  /** Creates the declaration, or answers the one this key already created (`created: false`). */
  async declare(input: NewDeclaration): Promise<{ declaration: Declaration; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const id = randomUUID();
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO declarations (id, person_id, idempotency_key, receipt, kind, declared_at, sealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (person_id, idempotency_key) DO NOTHING RETURNING id::text`,
        [id, input.personId, input.idempotencyKey, receiptOf(id, input.declaredAt), input.kind, input.declaredAt.toISOString(), input.seal(id)],
      );
      if (rows.length === 1) {
        await tx.query(
          `INSERT INTO declaration_deliveries (declaration_id, agency, status) SELECT $1, unnest($2::text[]), 'PENDING'`,
          [id, [...input.agencies]],
        );
      }
      const existing = await one(tx, `${SELECT} WHERE d.person_id = $1 AND d.idempotency_key = $2`, [input.personId, input.idempotencyKey]);
      return { declaration: existing!, created: rows.length === 1 };
    });
  }

  /** The declaration, only if it is this person's. */
  ofPerson(personId: string, id: string): Promise<Declaration | undefined> {
    if (!isUuid(id)) return Promise.resolve(undefined);
    return one(this.db, `${SELECT} WHERE d.person_id = $1 AND d.id = $2`, [personId, id]);
  }

  /** For the worker, which acts for whoever declared. */
  get(id: string): Promise<Declaration | undefined> {
    return one(this.db, `${SELECT} WHERE d.id = $1`, [id]);
  }

  /** The person's declarations, newest first, `first` of them after the one of `afterSeq`. */
  async page(personId: string, first: number, afterSeq: string | null): Promise<{ declarations: Declaration[]; hasNextPage: boolean }> {
    const { rows } = await this.db.query<DeclarationRow>(
      `${SELECT} WHERE d.person_id = $1 AND ($2::bigint IS NULL OR d.seq < $2::bigint) ORDER BY d.seq DESC LIMIT $3`,
      [personId, afterSeq, first + 1],
    );
    return { declarations: rows.slice(0, first).map(toDeclaration), hasNextPage: rows.length > first };
  }

  /** Every declaration of the person with an answered delivery, for the timeline (receipts only: a person makes few). */
  async answered(personId: string): Promise<Declaration[]> {
    const { rows } = await this.db.query<DeclarationRow>(
      `${SELECT} WHERE d.person_id = $1 AND EXISTS (SELECT 1 FROM declaration_deliveries x
         WHERE x.declaration_id = d.id AND x.status IN ('DELIVERED', 'REFUSED')) ORDER BY d.seq DESC LIMIT 500`,
      [personId],
    );
    return rows.map(toDeclaration);
  }

  /**
   * Cancels what has not been delivered yet and drops the sealed change. Undefined when the
   * declaration is not the person's; `cancelled: false` when every agency had already answered.
   */
  async cancel(personId: string, id: string, at: Date): Promise<{ declaration: Declaration; cancelled: boolean } | undefined> {
    if (!isUuid(id)) return undefined;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `UPDATE declaration_deliveries SET status = 'CANCELLED', answered_at = $3
          WHERE declaration_id = $2 AND status = 'PENDING'
            AND EXISTS (SELECT 1 FROM declarations WHERE id = $2 AND person_id = $1)
          RETURNING agency`,
        [personId, id, at.toISOString()],
      );
      if (rows.length > 0) {
        await tx.query(`UPDATE declarations SET cancelled_at = $2, sealed = NULL WHERE id = $1`, [id, at.toISOString()]);
      }
      const declaration = await one(tx, `${SELECT} WHERE d.person_id = $1 AND d.id = $2`, [personId, id]);
      return declaration && { declaration, cancelled: rows.length > 0 };
    });
  }

  /**
   * Records an agency's answer. A delivery cancelled meanwhile still records what the agency
   * did, so the receipt tells the truth. The sealed change goes with the last pending delivery.
   */
  async answer(id: string, agency: AgencyName, status: Exclude<DeliveryStatus, 'PENDING' | 'CANCELLED'>, reason: string | null, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE declaration_deliveries SET status = $3, reason = $4, answered_at = $5
          WHERE declaration_id = $1 AND agency = $2 AND status IN ('PENDING', 'CANCELLED')`,
        [id, agency, status, reason, at.toISOString()],
      );
      await tx.query(
        `UPDATE declarations SET sealed = NULL
          WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM declaration_deliveries WHERE declaration_id = $1 AND status = 'PENDING')`,
        [id],
      );
    });
  }
}

async function one(db: Queryable, text: string, params: readonly unknown[]): Promise<Declaration | undefined> {
  const { rows } = await db.query<DeclarationRow>(text, params);
  return rows[0] && toDeclaration(rows[0]);
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
