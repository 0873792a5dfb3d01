import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { RunningService, ServiceDefinition } from '../../common/service.ts';
import { identityEnv, readIdentityConfig } from '../shared/config.ts';
import { serve } from '../../common/subgraph/serve.ts';
import type { Database } from '../../common/database.ts';

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
    const database = await openMigratedDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
    try {
      const app = await build({
        tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK),
        personIdKey: config.PERSON_ID_KEY,
        database,
        thirdParties: await loadThirdParties(),
        notificationKey: config.NOTIFICATION_ENCRYPTION_KEY,
        now: kit.clock,
        telemetry,
        lifecycle: kit.lifecycle,
      });
      app.addHook('onClose', () => database.close());
      const running = await serve(app, { host: config.SUBGRAPH_HOST, port: config.IDENTITY_SUBGRAPH_PORT, telemetry, logger: kit.logger });
      return { ...running, database };
    } catch (error) {
      await database.close();
      throw error;
    }
  },
};
