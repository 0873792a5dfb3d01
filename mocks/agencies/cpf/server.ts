import { serveAgency } from '../common/serve.ts';
import { build } from './app.ts';

// Environment: CPF_PORT (default 4201), CPF_API_KEY, POPULATION_SEED, POPULATION_SIZE,
// POPULATION_TODAY, AGENCY_HOST; see mocks/agencies/README.md.
await serveAgency('cpf', build);
