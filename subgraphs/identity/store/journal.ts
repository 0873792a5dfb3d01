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

export type NewJournalEntry = Omit<JournalEntry, 'id'>;

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

  /** Appends all entries in one statement: all are written, or none. */
  async append(entries: readonly NewJournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      person_id: e.personId,
      read_at: e.readAt.toISOString(),
      reader_id: e.reader.clientId,
      reader_name: e.reader.name,
      reader_kind: e.reader.kind,
      consent_id: e.consentId,
      purpose_code: e.purpose.code,
      purpose_text: e.purpose.text,
      sections: e.sections,
    }));
    await this.db.query(
      `INSERT INTO access_journal (person_id, read_at, reader_id, reader_name, reader_kind, consent_id, purpose_code, purpose_text, sections)
       SELECT e.person_id, e.read_at, e.reader_id, e.reader_name, e.reader_kind, e.consent_id, e.purpose_code, e.purpose_text,
              ARRAY(SELECT jsonb_array_elements_text(e.sections))
         FROM jsonb_to_recordset($1::jsonb) AS e(person_id text, read_at timestamptz, reader_id text, reader_name text,
              reader_kind text, consent_id uuid, purpose_code text, purpose_text text, sections jsonb)`,
      [JSON.stringify(rows)],
    );
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
