import nodemailer from 'nodemailer';
import { openDatabase } from '../common/database.ts';
import { limitedFastify } from '../common/http-server.ts';
import { listenApp } from '../common/listen.ts';
import { DeliveryStore } from '../common/notifications/delivery-store.ts';
import { NotificationKeys } from '../common/notifications/keys.ts';
import { instrumentFastify } from '../common/observability/fastify.ts';
import { fastifyLogging } from '../common/observability/logging.ts';
import { Telemetry } from '../common/observability/telemetry.ts';
import { createJobQueue } from '../common/queue/job-queue.ts';
import type { ServiceKit } from '../common/service.ts';
import { loadThirdParties } from '../common/third-parties.ts';
import { NOTIFICATIONS_CLIENT_ID } from '../contract/notifications.ts';
import type { WorkerConfig } from './config.ts';
import { AlertsClient } from './notifications/alerts-client.ts';
import { smtpMailer, type Mailer } from './notifications/mailer.ts';
import { NotificationMetrics } from './notifications/metrics.ts';
import { CONFIRM_QUEUE, EVALUATE_QUEUE, Notifier } from './notifications/notifier.ts';
import type { RunningWorker } from './service.ts';

/** Addresses waiting for their confirmation link are looked for every minute. */
const CONFIRMATIONS_CRON = '* * * * *';

export async function startWorker(config: WorkerConfig, kit: ServiceKit): Promise<RunningWorker> {
  const telemetry = new Telemetry({ service: 'worker', logger: kit.logger, processMetrics: kit.processMetrics });
  const client = (await loadThirdParties()).get(NOTIFICATIONS_CLIENT_ID);
  if (!client) throw new Error(`${NOTIFICATIONS_CLIENT_ID} is not registered in config/third-parties.json`);
  const database = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
  const closing: Array<() => Promise<unknown> | void> = [() => database.close()];
  const close = async () => {
    for (const step of closing.splice(0).reverse()) await step();
  };
  try {
    // The queue's tables beside the stores', in a schema named after theirs: one platform, one queue.
    const queue = await createJobQueue({ database, schema: `${config.DATABASE_SCHEMA}_queue`, logger: kit.logger, scheduling: true });
    closing.push(() => queue.stop());
    const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.NOTIFICATIONS_FROM, config.NOTIFICATIONS_SEND_CONCURRENCY) : droppingMailer();
    closing.push(() => mailer.close());
    const keys = new NotificationKeys(config.NOTIFICATION_ENCRYPTION_KEY);
    const notifier = new Notifier({
      queue,
      store: new DeliveryStore(database, keys),
      keys,
      alerts: new AlertsClient({
        gatewayUrl: config.GATEWAY_URL,
        issuer: config.FC_ISSUER,
        clientId: client.clientId,
        clientSecret: config.NOTIFICATIONS_CLIENT_SECRET ?? client.devClientSecret,
        timeoutMs: config.WORKER_CALL_TIMEOUT_MS,
      }),
      mailer,
      metrics: new NotificationMetrics(telemetry.metrics.registry),
      logger: kit.logger,
      publicUrl: config.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
      batchSize: config.NOTIFICATIONS_BATCH_SIZE,
      sendRetries: config.NOTIFICATIONS_SEND_RETRIES,
      retryDelaySeconds: config.NOTIFICATIONS_RETRY_DELAY_SECONDS,
      sendConcurrency: config.NOTIFICATIONS_SEND_CONCURRENCY,
      now: kit.clock,
    });
    await notifier.work();
    await queue.schedule(EVALUATE_QUEUE, config.NOTIFICATIONS_CRON);
    await queue.schedule(CONFIRM_QUEUE, CONFIRMATIONS_CRON);

    const app = limitedFastify(fastifyLogging(telemetry.logger));
    instrumentFastify(app, { telemetry, lifecycle: kit.lifecycle, readyz: true });
    app.get('/healthz', async () => ({ status: 'ok' }));
    const listening = await listenApp(app, { host: config.WORKER_HOST, port: config.WORKER_PORT });
    closing.push(() => listening.close());
    kit.logger.info({ url: listening.url, cron: config.NOTIFICATIONS_CRON }, 'worker listening (health, metrics) and taking jobs');
    return { url: listening.url, close, notifier };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Development without SMTP_URL: emails are built and dropped, so the rest still runs. */
function droppingMailer(): Mailer {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  return {
    send: async (message) => {
      await transport.sendMail({ ...message });
    },
    close: () => transport.close(),
  };
}
