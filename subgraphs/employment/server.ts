// Runs the employment subgraph as its own process: `node --import tsx subgraphs/employment/server.ts`.
// Configuration: subgraphs/shared/config.ts.
import { runAgencySubgraph } from '../shared/run.ts';

await runAgencySubgraph('employment', () => import('./app.ts'));
