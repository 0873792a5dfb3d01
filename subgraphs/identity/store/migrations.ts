import { openDatabase, type Database, type DatabaseOptions } from '../../../common/database.ts';

/**
 * The schema, as numbered steps applied once each, in order, at start. A step is never edited
 * once released: a change is a new step.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; name: string; statements: string[] }> = [
  {
    version: 1,
    name: 'consents',
    // One statement per item: PGlite's extended protocol takes one at a time.
    statements: [
      `CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id text NOT NULL,
        -- The grantor's identité pivot: the only way a third party's request reaches the agencies
        -- for this person, who is not signed in then. Identity data, never rights (README, privacy).
        pivot jsonb NOT NULL,
        grantee_id text NOT NULL,
        -- What the grantee was called when the person consented, as they saw it.
        grantee_name text NOT NULL,
        grantee_kind text NOT NULL,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        purpose_code text NOT NULL,
        purpose_text text NOT NULL,
        starts_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (expires_at > starts_at AND expires_at <= starts_at + interval '1 year')
      )`,
      `CREATE INDEX consents_of_grantee ON consents (grantee_id, expires_at) WHERE revoked_at IS NULL`,
      `CREATE INDEX consents_of_person ON consents (person_id, starts_at DESC)`,
    ],
  },
  {
    version: 2,
    name: 'access journal, append-only',
    statements: [
      `CREATE TABLE access_journal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id text NOT NULL,
        read_at timestamptz NOT NULL,
        reader_id text NOT NULL,
        reader_name text NOT NULL,
        reader_kind text NOT NULL,
        consent_id uuid NOT NULL REFERENCES consents (id),
        purpose_code text NOT NULL,
        purpose_text text NOT NULL,
        sections text[] NOT NULL CHECK (cardinality(sections) > 0)
      )`,
      `CREATE INDEX access_journal_of_person ON access_journal (person_id, id DESC)`,
      // Append-only, whoever connects: no code path updates or deletes, and the database refuses it too.
      `CREATE FUNCTION access_journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access journal is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
      `CREATE TRIGGER access_journal_no_update_or_delete BEFORE UPDATE OR DELETE ON access_journal
        FOR EACH ROW EXECUTE FUNCTION access_journal_refuse_change()`,
      `CREATE TRIGGER access_journal_no_truncate BEFORE TRUNCATE ON access_journal
        FOR EACH STATEMENT EXECUTE FUNCTION access_journal_refuse_change()`,
    ],
  },
  {
    version: 3,
    name: 'declarations of a change of situation, sealed until answered',
    statements: [
      `CREATE TABLE declarations (
        id uuid PRIMARY KEY,
        -- The order of a person's declarations, newest first, for cursors.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        person_id text NOT NULL,
        idempotency_key text NOT NULL,
        receipt text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('ADDRESS', 'BANK_DETAILS', 'PHONE', 'EMAIL')),
        declared_at timestamptz NOT NULL,
        cancelled_at timestamptz,
        -- The change and the person's pivot, AES-256-GCM (common/sealed-box.ts): set to NULL as
        -- soon as every agency has answered or the person cancelled. Only the receipt remains.
        sealed text,
        UNIQUE (person_id, idempotency_key)
      )`,
      `CREATE INDEX declarations_of_person ON declarations (person_id, seq DESC)`,
      `CREATE TABLE declaration_deliveries (
        declaration_id uuid NOT NULL REFERENCES declarations (id),
        agency text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'REFUSED', 'NO_FILE', 'CANCELLED', 'UNDELIVERED')),
        -- The agency's reason for a refusal, as it wrote it: never the change itself.
        reason text,
        answered_at timestamptz,
        PRIMARY KEY (declaration_id, agency)
      )`,
    ],
  },
  {
    version: 4,
    name: 'notification subscriptions and the fingerprints of alerts sent',
    statements: [
      // The platform's own consent keeps no pivot in clear: it is sealed in the subscription.
      `ALTER TABLE consents ALTER COLUMN pivot DROP NOT NULL`,
      `CREATE TABLE notification_subscriptions (
        person_id text PRIMARY KEY,
        consent_id uuid NOT NULL UNIQUE REFERENCES consents (id),
        -- AES-256-GCM under NOTIFICATION_ENCRYPTION_KEY, bound to person_id (common/notifications/keys.ts).
        pivot_sealed text NOT NULL,
        email_sealed text,
        pending_email_sealed text,
        -- When the link to confirm pending_email was handed to the mail server, to send it once.
        confirmation_sent_at timestamptz,
        kinds text[] NOT NULL CHECK (cardinality(kinds) > 0),
        CHECK (email_sealed IS NOT NULL OR pending_email_sealed IS NOT NULL)
      )`,
      // One row per alert already emailed: a keyed hash of the person and the alert's id, never its content.
      `CREATE TABLE notification_fingerprints (
        person_id text NOT NULL,
        fingerprint text NOT NULL,
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (person_id, fingerprint)
      )`,
      `CREATE INDEX notification_fingerprints_by_age ON notification_fingerprints (sent_at)`,
    ],
  },
];

/** Applies the steps not yet applied, in one transaction, under a lock so that instances starting together apply each once. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}

/** Opens the database and brings its schema up to date: what the identity subgraph does at start. */
export async function openMigratedDatabase(options: DatabaseOptions): Promise<Database> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
