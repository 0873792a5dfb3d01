import { agencyService } from '../common/service.ts';

/** The mock caf system. Configuration: mocks/agencies/common/config.ts. */
export const cafService = agencyService('caf', () => import('./app.ts'));
