// Runs one gateway instance as its own process: `node --import tsx gateway/src/server.ts`,
// or `node dist/gateway/src/server.js` in the container image. Configuration: gateway/src/config.ts.
import { runService } from '../../common/process.ts';
import { readGatewayConfig } from './config.ts';
import { startGateway } from './main.ts';

await runService({ name: 'gateway', readConfig: () => readGatewayConfig(), start: startGateway });
