import { agencySubgraphService } from '../shared/service.ts';

/** The family subgraph. Configuration: subgraphs/shared/config.ts. */
export const familyService = agencySubgraphService('family', () => import('./app.ts'));
