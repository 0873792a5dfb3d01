import type { FastifyInstance } from 'fastify';
import { importVerificationKey } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { ServiceDefinition } from '../../common/service.ts';
import { serve } from '../../common/subgraph/serve.ts';
import type { AgencySubgraphDeps } from './agency-subgraph.ts';
import { agencySubgraphEnv, readAgencySubgraphConfig, type AgencySubgraphConfig, type AgencySubgraphName } from './config.ts';

type AppModule<D> = { build: (deps: D) => Promise<FastifyInstance> };

/**
 * An agency subgraph as a service (common/service.ts). The app is loaded once the configuration
 * is valid, so a bad value is reported at once.
 */
export function agencySubgraphService(
  subgraph: AgencySubgraphName,
  load: () => Promise<AppModule<AgencySubgraphDeps>>,
): ServiceDefinition<AgencySubgraphConfig> {
  return {
    name: subgraph,
    env: agencySubgraphEnv(subgraph),
    readConfig: (env) => readAgencySubgraphConfig(subgraph, env),
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
        now: kit.clock,
        telemetry,
        lifecycle: kit.lifecycle,
      });
      return serve(app, { host: config.host, port: config.port, telemetry, logger: kit.logger });
    },
  };
}
