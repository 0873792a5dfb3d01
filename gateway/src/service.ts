import type { ServiceDefinition } from '../../common/service.ts';
import { gatewayEnv, MODULE_URL_VARIABLE, readGatewayConfig, type GatewayConfig } from './config.ts';
import type { RunningGatewayInstance } from './main.ts';

/** One gateway instance. Configuration: gateway/src/config.ts. */
export const gatewayService: ServiceDefinition<GatewayConfig, RunningGatewayInstance> = {
  name: 'gateway',
  env: gatewayEnv,
  variablePatterns: [MODULE_URL_VARIABLE],
  readConfig: readGatewayConfig,
  // Loaded once the configuration is valid: a bad value is reported in a blink, not after
  // loading the whole federation stack.
  start: async (config, kit) => (await import('./main.ts')).startGateway(config, kit),
};
