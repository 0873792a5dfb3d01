// Runs the mock france-travail system on its own: `node dist/mocks/agencies/france-travail/server.js` in the mocks' image.
import { runService } from '../../../common/process.ts';
import { franceTravailService } from './service.ts';

await runService(franceTravailService);
