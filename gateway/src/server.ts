// Runs one gateway instance as its own process: `node dist/gateway/src/server.js` in the image,
// `node --import tsx gateway/src/server.ts` from the sources.
import { runService } from '../../common/process.ts';
import { gatewayService } from './service.ts';

await runService(gatewayService);
