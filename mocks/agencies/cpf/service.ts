import { agencyService } from '../common/service.ts';

/** The mock cpf system. Configuration: mocks/agencies/common/config.ts. */
export const cpfService = agencyService('cpf', () => import('./app.ts'));
