// Runs the orientation module as its own process: `node --import tsx modules/orientation/server.ts`.
import { runModule } from '../../common/subgraph/run-module.ts';

await runModule('orientation', 4301, () => import('./app.ts'));
