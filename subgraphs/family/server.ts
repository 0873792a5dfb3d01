// Runs the family subgraph as its own process: `tsx subgraphs/family/server.ts`.
import { runAgencySubgraph } from '../shared/run.ts';
import { build } from './app.ts';

await runAgencySubgraph(
  { subgraph: 'family', defaultPort: 4104, agencyPrefix: 'CAF', defaultAgencyUrl: 'http://127.0.0.1:4203', defaultApiKey: 'dev-caf-key' },
  build,
);
