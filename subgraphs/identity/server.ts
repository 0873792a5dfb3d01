// Runs the identity subgraph as its own process: `tsx subgraphs/identity/server.ts`.
import { z } from 'zod';
import { importEs256, readConfig } from '../../common/config.ts';
import { identityEnv, serve } from '../shared/run.ts';
import { build } from './app.ts';

const config = readConfig(z.object(identityEnv));
const app = await build({
  tokenKey: await importEs256(config.INTERNAL_TOKEN_PUBLIC_JWK),
  personIdKey: config.PERSON_ID_KEY,
  logger: true,
});
await serve(app, config.SUBGRAPH_HOST, config.IDENTITY_SUBGRAPH_PORT, 'identity');
