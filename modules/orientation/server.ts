// Runs the orientation module as its own process: `node dist/modules/orientation/server.js` in the mocks' image.
import { runService } from '../../common/process.ts';
import { orientationService } from './service.ts';

await runService(orientationService);
