// Runs the account subgraph as its own process: `node dist/subgraphs/account/server.js` in the image.
import { runService } from '../../common/process.ts';
import { accountService } from './service.ts';

await runService(accountService);
