import nodemailer from 'nodemailer';
import type { Database } from '../../common/database.ts';
import { DeliveryStore } from '../../common/notifications/delivery-store.ts';
import { NotificationKeys } from '../../common/notifications/keys.ts';
import type { Logger } from '../../common/observability/logging.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import type { JobQueue } from '../../common/queue/job-queue.ts';
import { loadThirdParties } from '../../common/third-parties.ts';
import { NOTIFICATIONS_CLIENT_ID } from '../../contract/notifications.ts';
import type { WorkerConfig } from '../config.ts';
import { AlertsClient } from './alerts-client.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import { NotificationMetrics } from './metrics.ts';
import { CONFIRM_QUEUE, EVALUATE_QUEUE, Notifier } from './notifier.ts';

/** Addresses waiting for their confirmation link are looked for every minute. */
const CONFIRMATIONS_CRON = '* * * * *';

/**
 * The notifications in the worker: takes their jobs, and schedules the round (NOTIFICATIONS_CRON)
 * and the confirmation links on the queue's clock (one job per tick across every instance).
 */
export async function startNotifications(
  config: WorkerConfig,
  deps: { queue: JobQueue; database: Database; telemetry: Telemetry; logger: Logger; now: () => Date },
): Promise<{ notifier: Notifier; close(): void }> {
  const client = (await loadThirdParties()).get(NOTIFICATIONS_CLIENT_ID);
  if (!client) throw new Error(`${NOTIFICATIONS_CLIENT_ID} is not registered in config/third-parties.json`);
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.NOTIFICATIONS_FROM, config.NOTIFICATIONS_SEND_CONCURRENCY) : droppingMailer();
  const keys = new NotificationKeys(config.NOTIFICATION_ENCRYPTION_KEY);
  const notifier = new Notifier({
    queue: deps.queue,
    store: new DeliveryStore(deps.database, keys),
    keys,
    alerts: new AlertsClient({
      gatewayUrl: config.GATEWAY_URL,
      issuer: config.FC_ISSUER,
      clientId: client.clientId,
      clientSecret: config.NOTIFICATIONS_CLIENT_SECRET ?? client.devClientSecret,
      timeoutMs: config.WORKER_CALL_TIMEOUT_MS,
    }),
    mailer,
    metrics: new NotificationMetrics(deps.telemetry.metrics.registry),
    logger: deps.logger,
    publicUrl: config.GATEWAY_PUBLIC_URL.replace(/\/+$/, ''),
    batchSize: config.NOTIFICATIONS_BATCH_SIZE,
    sendRetries: config.NOTIFICATIONS_SEND_RETRIES,
    retryDelaySeconds: config.NOTIFICATIONS_RETRY_DELAY_SECONDS,
    sendConcurrency: config.NOTIFICATIONS_SEND_CONCURRENCY,
    now: deps.now,
  });
  await notifier.work();
  await deps.queue.schedule(EVALUATE_QUEUE, config.NOTIFICATIONS_CRON);
  await deps.queue.schedule(CONFIRM_QUEUE, CONFIRMATIONS_CRON);
  return { notifier, close: () => mailer.close() };
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
