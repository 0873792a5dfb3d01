import { agencyService } from '../common/service.ts';

/** The mock rgcu system. Configuration: mocks/agencies/common/config.ts. */
export const rgcuService = agencyService('rgcu', () => import('./app.ts'));
