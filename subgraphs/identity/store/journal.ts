import type { ThirdPartyKind } from '../../../common/third-parties.ts';
import type { Purpose } from './consents.ts';
import type { Database } from '../../../common/database.ts';

/** One read of one person's data by someone else, in one request. */
export interface JournalEntry {
  id: string;
  personId: string;
  readAt: Date;
  reader: { clientId: string; name: string; kind: ThirdPartyKind };
  consentId: string;
  purpose: Purpose;
  sections: string[];
}

/** What the gateway reports of one read: who, on which consent, which sections. */
export interface JournalDraft {
  personId: string;
  consentId: string;
  sections: string[];
}

interface JournalRow {
  id: string;
  person_id: string;
  read_at: Date;
  reader_id: string;
  reader_name: string;
  reader_kind: ThirdPartyKind;
  consent_id: string;
  purpose_code: string;
  purpose_text: string;
  sections: string[];
}

/**
 * The access journal: append and read, nothing else. The table refuses UPDATE, DELETE and
 * TRUNCATE itself (see migrations.ts), so no other path exists even outside this code.
 */
export class JournalStore {
  constructor(readonly db: Database) {}

  /**
   * Appends one request's reads by `reader` at `readAt`, each with the purpose of the consent it
   * names, in one statement: all are written, or none when any entry names a consent that is not
   * the reader's for that very person (then it answers null). Checking and writing in one
   * statement spares the round trip and the rows of a separate consent lookup (bench/README.md).
   */
  async append(reader: JournalEntry['reader'], readAt: Date, drafts: readonly JournalDraft[]): Promise<number | null> {
    if (drafts.length === 0) return 0;
    const rows = drafts.map((d) => ({ person_id: d.personId, consent_id: d.consentId, sections: d.sections }));
    const { rows: [result] } = await this.db.query<{ drafts: number; written: number }>(
      `WITH drafted AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(person_id text, consent_id uuid, sections jsonb)
       ), grounded AS (
         SELECT d.person_id, d.consent_id, c.purpose_code, c.purpose_text, d.sections
           FROM drafted d JOIN consents c ON c.id = d.consent_id AND c.person_id = d.person_id AND c.grantee_id = $2
       ), written AS (
         INSERT INTO access_journal (person_id, read_at, reader_id, reader_name, reader_kind, consent_id, purpose_code, purpose_text, sections)
         SELECT g.person_id, $5, $2, $3, $4, g.consent_id, g.purpose_code, g.purpose_text, ARRAY(SELECT jsonb_array_elements_text(g.sections))
           FROM grounded g
          WHERE (SELECT count(*) FROM grounded) = (SELECT count(*) FROM drafted)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM drafted)::int AS drafts, (SELECT count(*) FROM written)::int AS written`,
      [JSON.stringify(rows), reader.clientId, reader.name, reader.kind, readAt.toISOString()],
    );
    return result!.written === result!.drafts ? result!.written : null;
  }

  /** The person's entries, newest first, `first` of them after the entry `afterId`. */
  async page(personId: string, first: number, afterId: string | null): Promise<{ entries: JournalEntry[]; hasNextPage: boolean }> {
    const { rows } = await this.db.query<JournalRow>(
      `SELECT id::text, person_id, read_at, reader_id, reader_name, reader_kind, consent_id::text, purpose_code, purpose_text, sections
         FROM access_journal
        WHERE person_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
      [personId, afterId, first + 1],
    );
    return {
      entries: rows.slice(0, first).map((row) => ({
        id: row.id,
        personId: row.person_id,
        readAt: new Date(row.read_at),
        reader: { clientId: row.reader_id, name: row.reader_name, kind: row.reader_kind },
        consentId: row.consent_id,
        purpose: { code: row.purpose_code, text: row.purpose_text },
        sections: row.sections,
      })),
      hasNextPage: rows.length > first,
    };
  }
}
