// Runs the mock cpf system on its own: `node dist/mocks/agencies/cpf/server.js` in the mocks' image.
import { runService } from '../../../common/process.ts';
import { cpfService } from './service.ts';

await runService(cpfService);
