import { serveAgency } from '../common/serve.ts';
import { build } from './app.ts';

// Environment: RGCU_PORT (default 4202), RGCU_API_KEY, POPULATION_SEED, POPULATION_SIZE,
// POPULATION_TODAY, AGENCY_HOST; see mocks/agencies/README.md.
await serveAgency('rgcu', build);
