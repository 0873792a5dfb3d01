import { agencySubgraphService } from '../shared/service.ts';

/** The training subgraph. Configuration: subgraphs/shared/config.ts. */
export const trainingService = agencySubgraphService('training', () => import('./app.ts'));
