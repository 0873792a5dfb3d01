// Runs one gateway instance as its own process: `node --import tsx gateway/src/server.ts`,
// or `node dist/gateway/src/server.js` in the container image. Configuration: gateway/src/config.ts.
import { runService } from '../../common/process.ts';
import { readGatewayConfig } from './config.ts';

// The gateway itself is loaded once the configuration is known to be valid: a bad value is
// reported in a blink, not after loading the whole federation stack.
await runService({
  name: 'gateway',
  readConfig: () => readGatewayConfig(),
  start: async (config, kit) => (await import('./main.ts')).startGateway(config, kit),
});
