// Runs the family subgraph as its own process: `node --import tsx subgraphs/family/server.ts`.
// Configuration: subgraphs/shared/config.ts.
import { runAgencySubgraph } from '../shared/run.ts';

await runAgencySubgraph('family', () => import('./app.ts'));
