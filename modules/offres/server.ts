// Runs the offres module as its own process: `node --import tsx modules/offres/server.ts`.
import { runModule } from '../../common/subgraph/run-module.ts';

await runModule('offres', 4302, () => import('./app.ts'));
