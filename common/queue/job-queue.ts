import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Database } from '../database.ts';
import type { Logger } from '../observability/logging.ts';

/**
 * The platform's durable job queue: pg-boss over the database the stores already use (PostgreSQL
 * in production, the process's embedded PGlite in development), so a job sent survives a restart
 * of every process, and several workers, in one process or many, never take the same job at once.
 *
 * What it promises, and what it does not: a job is handed to one worker at a time and retried
 * with exponential backoff until its handler resolves or its retries are spent; a worker that
 * dies mid-job has the job handed out again once it expires. So a handler may run more than once
 * for one job, and must be idempotent where it has effects (the declarations pass their id as the
 * agencies' Idempotency-Key). A job's data is stored in clear: ids only, never personal data.
 */
export interface JobQueue {
  /** Enqueues a job; with an `id` already sent, does nothing and answers null. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Runs `handler` for each job of the queue, one at a time per call; a throw retries the job.
   * `batchSize` jobs are taken at each poll (default 1): more for many short jobs, which a poll
   * every `pollingIntervalSeconds` would otherwise take one by one. A throw then retries the
   * jobs of the batch not yet done too, so their handler must be idempotent.
   */
  work<T extends object>(name: string, handler: (job: QueuedJob<T>) => Promise<void>, options?: { batchSize?: number }): Promise<void>;
  /** Sends `name` on a cron schedule (UTC), once across every instance; needs `scheduling`. */
  schedule<T extends object>(name: string, cron: string, data?: T): Promise<void>;
  /** The job as stored now (state, retries), or null once it was archived or never existed. */
  find(name: string, id: string): Promise<JobState | null>;
  /** Stops taking jobs, waits for the running handlers (up to `timeoutMs`), then lets go of the database. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface SendOptions {
  /**
   * The job's id, a UUID: sending it again is a no-op, so a retried or replayed request enqueues
   * once. `jobId(...)` derives one from what identifies the work.
   */
  id?: string;
  /** Retries after the first attempt; default 5. */
  retryLimit?: number;
  /** The first retry's delay, in whole seconds; doubled (with jitter) at each retry when `retryBackoff`. Default 10 s. */
  retryDelaySeconds?: number;
  /** Default true. */
  retryBackoff?: boolean;
  /** Not before this many seconds from now. */
  startAfterSeconds?: number;
}

export interface QueuedJob<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  /** True on the last attempt the retries allow: a handler may record a final failure then. */
  lastAttempt: boolean;
}

export interface JobState {
  id: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retryCount: number;
  retryLimit: number;
}

export interface JobQueueOptions {
  database: Database;
  /** The schema of the queue's own tables (created and migrated at start), beside the stores'. */
  schema: string;
  logger: Logger;
  /** How often an idle worker looks for jobs, in seconds; default 2 s, at least 0.5 s. */
  pollingIntervalSeconds?: number;
  /** Runs the cron clock (`schedule`); default false. */
  scheduling?: boolean;
  /** Runs the upkeep (expiring jobs of dead workers, archiving); default true. */
  maintenance?: boolean;
}

const DEFAULTS = {
  retryLimit: 5,
  retryDelaySeconds: 10, // 10 s, 20 s, 40 s, 80 s, 160 s: an agency down for five minutes loses nothing
  retryBackoff: true,
  pollingIntervalSeconds: 2,
} as const;

/** Starts the queue: creates or migrates its schema (once across instances starting together). */
export async function createJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const { database, logger } = options;
  const boss = new PgBoss({
    db: {
      // pg-boss sends its migrations and locked steps as scripts of several statements, without
      // parameters; PGlite's extended protocol takes one statement at a time.
      executeSql: (text: string, values?: unknown[]) => (values && values.length > 0 ? database.query(text, values) : database.script(text)),
    },
    schema: options.schema,
    supervise: options.maintenance ?? true,
    schedule: options.scheduling ?? false,
    migrate: true,
  });
  // Without a listener an 'error' event would crash the process; the upkeep retries by itself.
  boss.on('error', (error) => logger.error({ err: error }, 'job queue: upkeep failed'));
  await boss.start();

  const created = new Map<string, Promise<void>>();
  const ensureQueue = (name: string) => {
    let creating = created.get(name);
    if (!creating) {
      creating = boss.createQueue(name);
      created.set(name, creating);
      creating.catch(() => created.delete(name));
    }
    return creating;
  };
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? DEFAULTS.pollingIntervalSeconds;

  return {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data, {
        ...(sendOptions.id ? { id: sendOptions.id } : {}),
        retryLimit: sendOptions.retryLimit ?? DEFAULTS.retryLimit,
        retryDelay: sendOptions.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
        retryBackoff: sendOptions.retryBackoff ?? DEFAULTS.retryBackoff,
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },
    async work(name, handler, workOptions = {}) {
      await ensureQueue(name);
      await boss.work<never>(name, { batchSize: workOptions.batchSize ?? 1, includeMetadata: true, pollingIntervalSeconds }, async (jobs) => {
        for (const job of jobs as unknown as Array<PgBoss.JobWithMetadata<never>>) {
          await handler({
            id: job.id,
            name: job.name,
            data: job.data,
            retryCount: job.retryCount,
            lastAttempt: job.retryCount >= job.retryLimit,
          });
        }
      });
    },
    async schedule(name, cron, data) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data ?? {}, { tz: 'UTC' });
    },
    async find(name, id) {
      const job = await boss.getJobById(name, id);
      return job ? { id: job.id, state: job.state, retryCount: job.retryCount, retryLimit: job.retryLimit } : null;
    },
    async stop(timeoutMs = 10_000) {
      // The database is the caller's: pg-boss stops its timers and workers but does not close it.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    },
  };
}

/** A stable job id (a UUID) from what identifies the work: the same parts give the same id. */
export function jobId(...parts: string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  // Version 8 (custom), RFC 9562 variant: a valid UUID for pg-boss's uuid column.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
