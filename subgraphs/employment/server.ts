// Runs the employment subgraph as its own process: `tsx subgraphs/employment/server.ts`.
import { runAgencySubgraph } from '../shared/run.ts';
import { build } from './app.ts';

await runAgencySubgraph(
  { subgraph: 'employment', defaultPort: 4105, agencyPrefix: 'FRANCE_TRAVAIL', defaultAgencyUrl: 'http://127.0.0.1:4204', defaultApiKey: 'dev-france-travail-key' },
  build,
);
