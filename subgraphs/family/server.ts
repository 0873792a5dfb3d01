// Runs the family subgraph as its own process: `node dist/subgraphs/family/server.js` in the image.
import { runService } from '../../common/process.ts';
import { familyService } from './service.ts';

await runService(familyService);
