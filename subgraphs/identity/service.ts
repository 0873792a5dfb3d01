import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { RunningService, ServiceDefinition } from '../../common/service.ts';
import { identityEnv, readIdentityConfig } from '../shared/config.ts';
import { serve } from '../../common/subgraph/serve.ts';
import type { Database } from '../../common/database.ts';
import type { JobQueue } from '../../common/queue/job-queue.ts';
import { jobsSchemaOf } from '../shared/config.ts';

export interface RunningIdentity extends RunningService {
  /** Consents and the access journal (tests read it to check what was kept). */
  database: Database;
}

/** The identity subgraph: consents and the access journal. Configuration: subgraphs/shared/config.ts. */
export const identityService: ServiceDefinition<ReturnType<typeof readIdentityConfig>, RunningIdentity> = {
  name: 'identity',
  env: identityEnv,
  readConfig: readIdentityConfig,
  start: async (config, kit) => {
    const { build } = await import('./app.ts');
    const { openMigratedDatabase } = await import('./store/migrations.ts');
    const { loadThirdParties } = await import('../../common/third-parties.ts');
    const telemetry = new Telemetry({ service: 'identity', logger: kit.logger, processMetrics: kit.processMetrics });
    const { createJobQueue } = await import('../../common/queue/job-queue.ts');
    const database = await openMigratedDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
    let queue: JobQueue | undefined;
    try {
      // Sends only: the worker takes the jobs and keeps the queue's upkeep.
      queue = await createJobQueue({ database, schema: jobsSchemaOf(config.DATABASE_SCHEMA), logger: kit.logger, maintenance: false });
      const sender = queue;
      const app = await build({
        tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK),
        personIdKey: config.PERSON_ID_KEY,
        database,
        thirdParties: await loadThirdParties(),
        notificationKey: config.NOTIFICATION_ENCRYPTION_KEY,
        declarations: {
          queue: sender,
          encryptionKey: config.DECLARATION_ENCRYPTION_KEY,
          retry: { retryLimit: config.DELIVERY_RETRY_LIMIT, retryDelaySeconds: config.DELIVERY_RETRY_DELAY_SECONDS },
        },
        now: kit.clock,
        telemetry,
        lifecycle: kit.lifecycle,
      });
      app.addHook('onClose', async () => {
        await sender.stop();
        await database.close();
      });
      const running = await serve(app, { host: config.SUBGRAPH_HOST, port: config.IDENTITY_SUBGRAPH_PORT, telemetry, logger: kit.logger });
      return { ...running, database };
    } catch (error) {
      await queue?.stop();
      await database.close();
      throw error;
    }
  },
};
