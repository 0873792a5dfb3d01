import { moduleService } from '../../common/subgraph/module-service.ts';

/** The example module offres, as its third party runs it. */
export const offresService = moduleService('offres', 4302, () => import('./app.ts'));
