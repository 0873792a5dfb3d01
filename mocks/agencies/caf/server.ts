// Runs the mock caf system on its own: `node dist/mocks/agencies/caf/server.js` in the mocks' image.
import { runService } from '../../../common/process.ts';
import { cafService } from './service.ts';

await runService(cafService);
