// Runs the employment subgraph as its own process: `node dist/subgraphs/employment/server.js` in the image.
import { runService } from '../../common/process.ts';
import { employmentService } from './service.ts';

await runService(employmentService);
