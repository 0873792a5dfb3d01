// Runs the identity subgraph as its own process: `node --import tsx subgraphs/identity/server.ts`.
import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { runService } from '../../common/process.ts';
import { readIdentityConfig, serve } from '../shared/run.ts';

await runService({
  name: 'identity',
  readConfig: () => readIdentityConfig(),
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
        telemetry,
        lifecycle: kit.lifecycle,
      });
      app.addHook('onClose', () => database.close());
      return await serve(app, { host: config.SUBGRAPH_HOST, port: config.IDENTITY_SUBGRAPH_PORT, telemetry, logger: kit.logger });
    } catch (error) {
      await database.close();
      throw error;
    }
  },
});
