import { agencySubgraphService } from '../shared/service.ts';

/** The retirement subgraph. Configuration: subgraphs/shared/config.ts. */
export const retirementService = agencySubgraphService('retirement', () => import('./app.ts'));
