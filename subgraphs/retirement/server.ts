// Runs the retirement subgraph as its own process: `node --import tsx subgraphs/retirement/server.ts`.
// Configuration: subgraphs/shared/config.ts.
import { runAgencySubgraph } from '../shared/run.ts';

await runAgencySubgraph('retirement', () => import('./app.ts'));
