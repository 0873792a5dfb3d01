// Runs the account subgraph as its own process: `node --import tsx subgraphs/account/server.ts`.
// Configuration: subgraphs/shared/config.ts.
import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { runService } from '../../common/process.ts';
import { readAccountConfig, serve } from '../shared/run.ts';

await runService({
  name: 'account',
  readConfig: () => readAccountConfig(),
  start: async (config, kit) => {
    const { build } = await import('./app.ts');
    const telemetry = new Telemetry({ service: 'account', logger: kit.logger, processMetrics: kit.processMetrics });
    const app = await build({ tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK), telemetry, lifecycle: kit.lifecycle });
    return serve(app, { host: config.SUBGRAPH_HOST, port: config.ACCOUNT_SUBGRAPH_PORT, telemetry, logger: kit.logger });
  },
});
