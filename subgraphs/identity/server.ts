// Runs the identity subgraph as its own process: `node dist/subgraphs/identity/server.js` in the image.
import { runService } from '../../common/process.ts';
import { identityService } from './service.ts';

await runService(identityService);
