// Runs the mock FranceConnect on its own: `node dist/mocks/franceconnect/server.js` in the mocks' image.
import { runService } from '../../common/process.ts';
import { providerService } from './service.ts';

await runService(providerService);
