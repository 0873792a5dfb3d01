// Runs the retirement subgraph as its own process: `tsx subgraphs/retirement/server.ts`.
import { runAgencySubgraph } from '../shared/run.ts';
import { build } from './app.ts';

await runAgencySubgraph(
  { subgraph: 'retirement', defaultPort: 4103, agencyPrefix: 'RGCU', defaultAgencyUrl: 'http://127.0.0.1:4202', defaultApiKey: 'dev-rgcu-key' },
  build,
);
