// Runs the offres module as its own process: `node dist/modules/offres/server.js` in the mocks' image.
import { runService } from '../../common/process.ts';
import { offresService } from './service.ts';

await runService(offresService);
