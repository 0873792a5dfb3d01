import { serveAgency } from '../common/serve.ts';
import { build } from './app.ts';

// Environment: FRANCE_TRAVAIL_PORT (default 4204), FRANCE_TRAVAIL_API_KEY, POPULATION_SEED, POPULATION_SIZE,
// POPULATION_TODAY, AGENCY_HOST; see mocks/agencies/README.md.
await serveAgency('france-travail', build);
