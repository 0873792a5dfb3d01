// Runs the training subgraph as its own process: `node dist/subgraphs/training/server.js` in the image.
import { runService } from '../../common/process.ts';
import { trainingService } from './service.ts';

await runService(trainingService);
