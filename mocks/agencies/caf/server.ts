import { serveAgency } from '../common/serve.ts';
import { build } from './app.ts';

// Environment: CAF_PORT (default 4203), CAF_API_KEY, POPULATION_SEED, POPULATION_SIZE,
// POPULATION_TODAY, AGENCY_HOST; see mocks/agencies/README.md.
await serveAgency('caf', build);
