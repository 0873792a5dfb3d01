// Runs the training subgraph as its own process: `node --import tsx subgraphs/training/server.ts`.
// Configuration: subgraphs/shared/config.ts.
import { runAgencySubgraph } from '../shared/run.ts';

await runAgencySubgraph('training', () => import('./app.ts'));
