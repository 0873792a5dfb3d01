import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { ServiceDefinition } from '../../common/service.ts';
import { accountEnv, readAccountConfig } from '../shared/config.ts';
import { serve } from '../../common/subgraph/serve.ts';

/** The account subgraph: what combines the sections. Configuration: subgraphs/shared/config.ts. */
export const accountService: ServiceDefinition<ReturnType<typeof readAccountConfig>> = {
  name: 'account',
  env: accountEnv,
  readConfig: readAccountConfig,
  start: async (config, kit) => {
    const { build } = await import('./app.ts');
    const telemetry = new Telemetry({ service: 'account', logger: kit.logger, processMetrics: kit.processMetrics });
    const app = await build({
      tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK),
      now: kit.clock,
      telemetry,
      lifecycle: kit.lifecycle,
    });
    return serve(app, { host: config.SUBGRAPH_HOST, port: config.ACCOUNT_SUBGRAPH_PORT, telemetry, logger: kit.logger });
  },
};
