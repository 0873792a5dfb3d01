// Runs the worker as its own process: `node dist/worker/server.js` in the image.
import { runService } from '../common/process.ts';
import { workerService } from './service.ts';

await runService(workerService);
