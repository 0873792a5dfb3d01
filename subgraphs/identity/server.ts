// Runs the identity subgraph as its own process: `tsx subgraphs/identity/server.ts`.
import { z } from 'zod';
import { importEs256, readConfig } from '../../common/config.ts';
import { loadThirdParties } from '../../common/third-parties.ts';
import { identityEnv, serve } from '../shared/run.ts';
import { build } from './app.ts';
import { openMigratedDatabase } from './store/migrations.ts';

const config = readConfig(z.object(identityEnv));
const database = await openMigratedDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA });
const app = await build({
  tokenKey: await importEs256(config.INTERNAL_TOKEN_PUBLIC_JWK),
  personIdKey: config.PERSON_ID_KEY,
  database,
  thirdParties: await loadThirdParties(),
  logger: true,
});
app.addHook('onClose', () => database.close());
await serve(app, config.SUBGRAPH_HOST, config.IDENTITY_SUBGRAPH_PORT, 'identity');
