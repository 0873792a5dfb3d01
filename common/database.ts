import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The one thing the stores need from PostgreSQL: run a statement with parameters, alone or in a
 * transaction. Two implementations: `pg` against DATABASE_URL, and PGlite (PostgreSQL compiled
 * to WebAssembly, in this process) when it is unset, so `npm start` needs no server.
 */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

export interface Database extends Queryable {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs a script of one or more statements without parameters (the job queue's migrations and
   * locked steps); answers the rows of the last one.
   */
  script<R extends object = Record<string, unknown>>(text: string): Promise<{ rows: R[] }>;
  close(): Promise<void>;
}

/** A statement failed: the database is down, refused, or the statement broke a rule. Keeps `cause`. */
export class DatabaseError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  /** PostgreSQL's SQLSTATE when the server answered (42501: refused), else undefined. */
  readonly sqlState: string | undefined;
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
    const code = (options.cause as { code?: unknown } | null)?.code;
    this.sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  }
}

export interface DatabaseOptions {
  /**
   * `postgres://…`; PGlite in memory when absent, one per schema in this process, shared by
   * every service that opens it (in `npm start` the consents, the declarations and the job queue
   * live in one embedded database, as they share one PostgreSQL in production).
   */
  url?: string;
  /** Schema holding the tables (created if missing); tests use one per run. Default `compte_des_comptes`. */
  schema?: string;
  /** Connections to PostgreSQL. */
  poolSize?: number;
  /** How long connecting to PostgreSQL may take, in ms; default 2 s. */
  connectTimeoutMs?: number;
  /** How long PostgreSQL may take to answer a statement, in ms; default 2 s. */
  queryTimeoutMs?: number;
}

/**
 * 2 s: a database that stops answering fails the statement (DATABASE_UNAVAILABLE) well within
 * the gateway's 5 s subgraph timeout, so the caller gets a coded error rather than a timeout.
 */
const DEFAULT_TIMEOUT_MS = 2_000;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const schema = options.schema ?? 'compte_des_comptes';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME}`);
  if (!options.url) return openPglite(schema);
  return openPostgres(options.url, schema, {
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}

type PostgresSettings = Pick<pg.PoolConfig, 'max' | 'connectionTimeoutMillis' | 'query_timeout'>;

async function openPostgres(url: string, schema: string, settings: PostgresSettings): Promise<Database> {
  const { connectionTimeoutMillis, query_timeout } = settings;
  const setup = new pg.Client({ connectionString: url, connectionTimeoutMillis, query_timeout });
  try {
    await setup.connect();
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (cause) {
    throw new DatabaseError('PostgreSQL is unreachable or refused the schema', { cause });
  } finally {
    await setup.end().catch(() => undefined);
  }
  // Every pooled connection starts in the schema: no statement names it.
  const pool = new pg.Pool({ connectionString: url, ...settings, options: `-c search_path=${schema}` });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const run = async <R extends object>(client: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]) => {
    try {
      const result = await client.query<R>(text, params as unknown[] | undefined);
      return { rows: result.rows };
    } catch (cause) {
      throw new DatabaseError('database query failed', { cause });
    }
  };
  return {
    query: (text, params) => run(pool, text, params),
    async transaction(work) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (cause) {
        throw new DatabaseError('no database connection', { cause });
      }
      // A connection that broke or stopped answering is dropped rather than reused (the server
      // rolls its transaction back), and no ROLLBACK waits on it for another timeout.
      let unusable: Error | undefined;
      try {
        await run(client, 'BEGIN');
        const result = await work({ query: (text, params) => run(client, text, params) });
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        if (error instanceof DatabaseError && error.sqlState === undefined) unusable = error;
        else
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            unusable = rollbackError;
          });
        throw error;
      } finally {
        client.release(unusable);
      }
    },
    async script<R extends object>(text: string) {
      try {
        // Without parameters pg uses the simple protocol: several statements, one result each.
        const results = (await pool.query(text)) as unknown as pg.QueryResult<R> | Array<pg.QueryResult<R>>;
        return { rows: (Array.isArray(results) ? results.at(-1)?.rows : results.rows) ?? [] };
      } catch (cause) {
        throw new DatabaseError('database script failed', { cause });
      }
    },
    close: () => pool.end(),
  };
}

/** The embedded databases of this process, by schema: open while one of their users has not closed it. */
const embedded = new Map<string, { opening: Promise<PGlite>; users: number }>();

async function openPglite(schema: string): Promise<Database> {
  let entry = embedded.get(schema);
  if (!entry) {
    entry = { opening: createPglite(schema), users: 0 };
    embedded.set(schema, entry);
    entry.opening.catch(() => embedded.delete(schema));
  }
  entry.users += 1;
  const db = await entry.opening;
  const shared = entry;
  let closed = false;
  const run = async <R extends object>(target: Pick<PGlite, 'query'>, text: string, params?: readonly unknown[]) => {
    try {
      const result = await target.query<R>(text, params as unknown[] | undefined);
      return { rows: result.rows };
    } catch (cause) {
      throw new DatabaseError('database query failed', { cause });
    }
  };
  return {
    query: (text, params) => run(db, text, params),
    // PGlite has one connection and queues statements and transactions itself, across all its users.
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => run(tx, text, params) })),
    async script<R extends object>(text: string) {
      try {
        const results = await db.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as R[] };
      } catch (cause) {
        throw new DatabaseError('database script failed', { cause });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      embedded.delete(schema);
      await db.close();
    },
  };
}

async function createPglite(schema: string): Promise<PGlite> {
  // Loaded only when used: the WebAssembly build takes a moment and some memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create();
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  return db;
}
