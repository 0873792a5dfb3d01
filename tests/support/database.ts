import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Queryable } from '../../common/database.ts';
import { migrate } from '../../subgraphs/identity/store/migrations.ts';

export interface TestDatabase {
  db: Database;
  /** Its schema; a job queue beside it goes in `<schema>_jobs`, dropped with it. */
  schema: string;
  /** Closes the database and, on PostgreSQL, drops this run's schema. */
  drop(): Promise<void>;
}

/** A schema of its own per test database, so parallel runs and CI never see each other's rows. */
export function uniqueSchema(): string {
  return `test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** The engines the stores are tested on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export const DATABASE_ENGINES: ReadonlyArray<{ engine: string; url?: string }> = [
  { engine: 'PGlite' },
  ...(process.env.DATABASE_URL ? [{ engine: 'PostgreSQL', url: process.env.DATABASE_URL }] : []),
];

/** A migrated database in a fresh schema. */
export async function openTestDatabase(url = process.env.DATABASE_URL): Promise<TestDatabase> {
  const schema = uniqueSchema();
  const db = await openDatabase({ url, schema, poolSize: 4 });
  await migrate(db);
  return {
    db,
    schema,
    async drop() {
      await db.close();
      if (url) {
        await dropSchema(url, schema);
        await dropSchema(url, `${schema}_jobs`);
      }
    },
  };
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Every row of every table in the database's schema (or in `schema`, the job queue's), by table,
 * as PostgreSQL writes it in JSON.
 */
export async function dumpTables(db: Queryable, schema?: string): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ name: string; quoted: string }>(
    `SELECT table_name AS name, quote_ident(table_schema) || '.' || quote_ident(table_name) AS quoted FROM information_schema.tables
      WHERE table_schema = coalesce($1, current_schema()) AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema ?? null],
  );
  const dump: Record<string, string[]> = {};
  for (const { name, quoted } of tables) {
    const { rows } = await db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${quoted} t`);
    dump[name] = rows.map((r) => r.row);
  }
  return dump;
}
