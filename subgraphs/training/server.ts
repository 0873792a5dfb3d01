// Runs the training subgraph as its own process: `tsx subgraphs/training/server.ts`.
import { runAgencySubgraph } from '../shared/run.ts';
import { build } from './app.ts';

await runAgencySubgraph(
  { subgraph: 'training', defaultPort: 4102, agencyPrefix: 'CPF', defaultAgencyUrl: 'http://127.0.0.1:4201', defaultApiKey: 'dev-cpf-key' },
  build,
);
