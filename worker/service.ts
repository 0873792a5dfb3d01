import type { RunningService, ServiceDefinition } from '../common/service.ts';
import { readWorkerConfig, workerEnv, type WorkerConfig } from './config.ts';
import type { Notifier } from './notifications/notifier.ts';

export interface RunningWorker extends RunningService {
  /** The notifications: tests trigger a round (`evaluate`) or the confirmations without waiting for the schedule. */
  notifier: Notifier;
}

/**
 * The worker: jobs of the durable queue, on a schedule or sent by the other processes. Today the
 * notifications (worker/notifications/): a round over every subscriber's alerts, the emails, the
 * links that confirm an address. Its endpoints are health and metrics only.
 */
export const workerService: ServiceDefinition<WorkerConfig, RunningWorker> = {
  name: 'worker',
  env: workerEnv,
  readConfig: readWorkerConfig,
  start: async (config, kit) => {
    const { startWorker } = await import('./app.ts');
    return startWorker(config, kit);
  },
};
