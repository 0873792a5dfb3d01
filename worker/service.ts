import { importEs256 } from '../common/config.ts';
import { limitedFastify } from '../common/http-server.ts';
import { listenApp } from '../common/listen.ts';
import { instrumentFastify } from '../common/observability/fastify.ts';
import { fastifyLogging } from '../common/observability/logging.ts';
import { Telemetry } from '../common/observability/telemetry.ts';
import type { RunningService, ServiceDefinition } from '../common/service.ts';
import type { Notifier } from './notifications/notifier.ts';
import type { JobQueue } from '../common/queue/job-queue.ts';
import type { DeliveryJob } from '../subgraphs/identity/declarations/declarations.ts';
import { jobsSchemaOf } from '../subgraphs/shared/config.ts';
import { readWorkerConfig, workerEnv, type WorkerConfig } from './config.ts';

export interface RunningWorker extends RunningService {
  /** The notifications: tests trigger a round (`evaluate`) or the confirmation links without waiting for the schedule. */
  notifier: Notifier;
}

/**
 * The worker: the jobs of the durable queue. It takes each (declaration, agency) delivery job and
 * hands it to the agency's subgraph; it runs the notifications (worker/notifications/: a round
 * over the subscribers' alerts on a schedule, the emails, the links that confirm an address); and
 * it keeps the queue's upkeep and clock (expired jobs of a dead worker handed out again, scheduled
 * jobs sent once per tick). Several instances share the work; none takes a job another holds.
 * `/readyz` and `/metrics` as every process.
 */
export const workerService: ServiceDefinition<WorkerConfig, RunningWorker> = {
  name: 'worker',
  env: workerEnv,
  readConfig: readWorkerConfig,
  start: async (config, kit): Promise<RunningWorker> => {
    const { openMigratedDatabase } = await import('../subgraphs/identity/store/migrations.ts');
    const { createJobQueue } = await import('../common/queue/job-queue.ts');
    const { SealedBox } = await import('../common/sealed-box.ts');
    const { DeclarationStore } = await import('../subgraphs/identity/store/declarations.ts');
    const { DECLARATION_SEAL, DELIVERY_QUEUE, queueDelivery } = await import('../subgraphs/identity/declarations/declarations.ts');
    const { deliverer } = await import('./deliver.ts');
    const { startNotifications } = await import('./notifications/start.ts');

    const telemetry = new Telemetry({ service: 'worker', logger: kit.logger, processMetrics: kit.processMetrics });
    const database = await openMigratedDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
    const store = new DeclarationStore(database);
    const deliveries = deliverer({
      store,
      box: new SealedBox(config.DECLARATION_ENCRYPTION_KEY, DECLARATION_SEAL),
      signingKey: await importEs256(config.INTERNAL_TOKEN_PRIVATE_JWK),
      keyId: config.INTERNAL_TOKEN_PRIVATE_JWK.kid,
      subgraphUrls: config.subgraphUrls,
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      logger: kit.logger,
      now: kit.clock,
    });
    const app = limitedFastify(fastifyLogging(telemetry.logger));
    instrumentFastify(app, { telemetry, lifecycle: kit.lifecycle, readyz: true });
    app.get('/healthz', async () => ({ status: 'ok' }));
    let queue: JobQueue | undefined;
    let sweeper: ReturnType<typeof setInterval> | undefined;
    let notifications: { notifier: Notifier; close(): void } | undefined;
    app.addHook('onClose', async () => {
      clearInterval(sweeper);
      await queue?.stop();
      notifications?.close();
      await deliveries.close();
      await database.close();
    });
    try {
      queue = await createJobQueue({
        database,
        schema: jobsSchemaOf(config.DATABASE_SCHEMA),
        logger: kit.logger,
        pollingIntervalSeconds: config.WORKER_POLL_INTERVAL_SECONDS,
        scheduling: true,
      });
      await queue.work<DeliveryJob>(DELIVERY_QUEUE, async (job) => {
        try {
          await deliveries.handle(job);
        } catch (error) {
          // The message only: the errors here name ids and codes, while a cause could quote a row.
          const failure = error instanceof Error ? error.message : 'unknown failure';
          if (job.lastAttempt) return deliveries.giveUp(job);
          kit.logger.warn({ failure, job: job.id, attempt: job.retryCount + 1 }, 'declaration delivery failed; retried later');
          throw error;
        }
      });
      // A declaration whose process died between storing it and queueing its deliveries: queued
      // here, once it is a minute old (job ids make this a no-op for those already queued).
      const sweep = async (sender: JobQueue) => {
        const retry = { retryLimit: config.DELIVERY_RETRY_LIMIT, retryDelaySeconds: config.DELIVERY_RETRY_DELAY_SECONDS };
        let queued = 0;
        for (const job of await store.pending(new Date(kit.clock().getTime() - 60_000))) {
          if (await queueDelivery(sender, job, retry)) queued += 1;
        }
        if (queued > 0) kit.logger.warn({ queued }, 'declaration deliveries queued by the sweep');
      };
      const sender = queue;
      await sweep(sender);
      sweeper = setInterval(() => sweep(sender).catch((error: Error) => kit.logger.warn({ failure: error.message }, 'sweep failed')), config.DELIVERY_SWEEP_INTERVAL_SECONDS * 1000);
      sweeper.unref();
      notifications = await startNotifications(config, { queue, database, telemetry, logger: kit.logger, now: kit.clock });
      const { url, close } = await listenApp(app, { host: config.WORKER_HOST, port: config.WORKER_PORT });
      kit.logger.info({ url, cron: config.NOTIFICATIONS_CRON }, 'worker started');
      return { url, close, notifier: notifications.notifier };
    } catch (error) {
      await app.close();
      throw error;
    }
  },
};
