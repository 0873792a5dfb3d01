import { moduleService } from '../../common/subgraph/module-service.ts';

/** The example module orientation, as its third party runs it. */
export const orientationService = moduleService('orientation', 4301, () => import('./app.ts'));
