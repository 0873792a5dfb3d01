import { agencyService } from '../common/service.ts';

/** The mock france-travail system. Configuration: mocks/agencies/common/config.ts. */
export const franceTravailService = agencyService('france-travail', () => import('./app.ts'));
