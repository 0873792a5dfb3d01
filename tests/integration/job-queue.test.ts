import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Database } from '../../common/database.ts';
import { createLogger } from '../../common/observability/logging.ts';
import { createJobQueue, jobId, type JobQueue, type JobState } from '../../common/queue/job-queue.ts';
import { DATABASE_ENGINES, dropSchema, uniqueSchema } from '../support/database.ts';

const logger = createLogger({ service: 'test', level: 'silent' });

/** Polls until `check` answers something, or fails after `ms`. */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await sleep(50);
  }
}

describe.each(DATABASE_ENGINES)('the job queue on $engine', ({ url }) => {
  // One database for the file (PGlite takes seconds to start), a queue schema of its own per test.
  const schema = uniqueSchema();
  let jobsSchema: string;
  let keeper: Database;
  const databases: Database[] = [];
  const queues: JobQueue[] = [];

  /** One instance of a process: its own connection pool (PostgreSQL) or a handle on the process's PGlite. */
  async function instance(): Promise<JobQueue> {
    const database = await openDatabase({ url, schema, poolSize: 4 });
    databases.push(database);
    const queue = await createJobQueue({ database, schema: jobsSchema, logger, pollingIntervalSeconds: 0.5 });
    queues.push(queue);
    return queue;
  }

  beforeAll(async () => {
    keeper = await openDatabase({ url, schema, poolSize: 1 });
  });

  beforeEach(() => {
    jobsSchema = uniqueSchema();
  });

  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    for (const database of databases.splice(0)) await database.close();
    if (url) await dropSchema(url, jobsSchema);
  });

  afterAll(async () => {
    await keeper.close();
    if (url) await dropSchema(url, schema);
  });

  it('hands each job to exactly one of two competing workers, and enqueues a job id once', async () => {
    const first = await instance();
    const second = await instance();
    const handled: Array<{ worker: string; job: number }> = [];
    for (const [worker, queue] of [['first', first], ['second', second]] as const) {
      await queue.work<{ n: number }>('deliveries', async (job) => {
        handled.push({ worker, job: job.data.n });
        await sleep(10);
      });
    }
    const ids = await Promise.all(Array.from({ length: 8 }, (_, n) => first.send('deliveries', { n }, { id: jobId('test', String(n)) })));
    expect(ids).toEqual(Array.from({ length: 8 }, (_, n) => jobId('test', String(n))));
    // The same ids again, from the other instance: nothing new.
    const again = await Promise.all(Array.from({ length: 8 }, (_, n) => second.send('deliveries', { n }, { id: jobId('test', String(n)) })));
    expect(again).toEqual(Array.from({ length: 8 }, () => null));

    await eventually(() => (handled.length >= 8 ? true : undefined));
    await sleep(1_500); // a duplicate would show within a polling interval or two
    expect(handled.map((h) => h.job).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, n) => n));
    const states = await Promise.all(Array.from({ length: 8 }, (_, n) => first.find('deliveries', jobId('test', String(n)))));
    expect(states.map((s) => s?.state)).toEqual(Array.from({ length: 8 }, () => 'completed'));
  });

  it('keeps a job sent before a restart and runs it after', async () => {
    const before = await instance();
    const id = await before.send('deliveries', { n: 7 });
    await before.stop();
    queues.splice(queues.indexOf(before), 1);

    const after = await instance();
    const handled: number[] = [];
    await after.work<{ n: number }>('deliveries', async (job) => {
      handled.push(job.data.n);
    });
    await eventually(async () => ((await after.find('deliveries', id!))?.state === 'completed' ? true : undefined));
    expect(handled).toEqual([7]);
  });

  it('retries a failing job with a doubling delay, then completes it', async () => {
    const queue = await instance();
    const attempts: Array<{ retryCount: number; lastAttempt: boolean; at: number }> = [];
    await queue.work('deliveries', async (job) => {
      attempts.push({ retryCount: job.retryCount, lastAttempt: job.lastAttempt, at: Date.now() });
      if (job.retryCount < 2) throw new Error('agency down');
    });
    const id = await queue.send('deliveries', {}, { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true });
    const done = await eventually<JobState>(async () => {
      const state = await queue.find('deliveries', id!);
      return state?.state === 'completed' ? state : undefined;
    });
    expect(done).toEqual({ id, state: 'completed', retryCount: 2, retryLimit: 2 });
    expect(attempts.map(({ retryCount, lastAttempt }) => ({ retryCount, lastAttempt }))).toEqual([
      { retryCount: 0, lastAttempt: false },
      { retryCount: 1, lastAttempt: false },
      { retryCount: 2, lastAttempt: true },
    ]);
    // Backoff: the first retry waits at least 1 s, the second at least 2 s (the database's clock
    // decides; a few ms of difference between the two clocks are allowed).
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(1950);
  });

  it('marks a job failed once its retries are spent', async () => {
    const queue = await instance();
    await queue.work('deliveries', async () => {
      throw new Error('refused');
    });
    const id = await queue.send('deliveries', {}, { retryLimit: 0 });
    const failed = await eventually(async () => {
      const state = await queue.find('deliveries', id!);
      return state?.state === 'failed' ? state : undefined;
    });
    expect(failed).toEqual({ id, state: 'failed', retryCount: 0, retryLimit: 0 });
  });
});

describe('job ids', () => {
  it('are UUIDs, the same for the same parts and different otherwise', () => {
    expect(jobId('a', 'b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobId('a', 'b')).toBe(jobId('a', 'b'));
    expect(jobId('a', 'b')).not.toBe(jobId('ab'));
    expect(jobId('a', 'b')).not.toBe(jobId('b', 'a'));
  });
});
