import type { FastifyInstance } from 'fastify';
import { importVerificationKey, readConfig } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { runService } from '../../common/process.ts';
import { serve } from '../../common/subgraph/serve.ts';
import type { AgencySubgraphDeps } from './agency-subgraph.ts';
import { accountEnv, identityEnv, readAgencySubgraphConfig, type AgencySubgraphName } from './config.ts';

type AppModule<D> = { build: (deps: D) => Promise<FastifyInstance> };

/**
 * Entry point of an agency subgraph run as its own process (see common/process.ts). The app is
 * loaded once the configuration is valid, so a bad value is reported at once.
 */
export async function runAgencySubgraph(subgraph: AgencySubgraphName, load: () => Promise<AppModule<AgencySubgraphDeps>>) {
  await runService({
    name: subgraph,
    readConfig: () => readAgencySubgraphConfig(subgraph),
    start: async (config, kit) => {
      const { build } = await load();
      const telemetry = new Telemetry({ service: subgraph, logger: kit.logger, processMetrics: kit.processMetrics });
      const app = await build({
        agencyUrl: config.agencyUrl,
        agencyApiKey: config.agencyApiKey,
        agencyTimeoutMs: config.agencyTimeoutMs,
        agencyResilience: config.agencyResilience,
        tokenKey: await importVerificationKey(config.tokenJwk),
        personIdKey: config.personIdKey,
        telemetry,
        lifecycle: kit.lifecycle,
      });
      return serve(app, { host: config.host, port: config.port, telemetry, logger: kit.logger });
    },
  });
}

/** Reads the identity subgraph's environment once; throws ConfigError naming every invalid variable. */
export const readIdentityConfig = (env: NodeJS.ProcessEnv = process.env) => readConfig(identityEnv, env);

/** Reads the account subgraph's environment once; throws ConfigError naming every invalid variable. */
export const readAccountConfig = (env: NodeJS.ProcessEnv = process.env) => readConfig(accountEnv, env);

export { serve };
