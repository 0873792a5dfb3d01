// Runs the retirement subgraph as its own process: `node dist/subgraphs/retirement/server.js` in the image.
import { runService } from '../../common/process.ts';
import { retirementService } from './service.ts';

await runService(retirementService);
