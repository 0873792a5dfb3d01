// Runs the mock rgcu system on its own: `node dist/mocks/agencies/rgcu/server.js` in the mocks' image.
import { runService } from '../../../common/process.ts';
import { rgcuService } from './service.ts';

await runService(rgcuService);
