import { agencySubgraphService } from '../shared/service.ts';

/** The employment subgraph. Configuration: subgraphs/shared/config.ts. */
export const employmentService = agencySubgraphService('employment', () => import('./app.ts'));
