// Runs the account subgraph as its own process: `tsx subgraphs/account/server.ts`.
import { z } from 'zod';
import { importEs256, readConfig } from '../../common/config.ts';
import { accountEnv, serve } from '../shared/run.ts';
import { build } from './app.ts';

const config = readConfig(z.object(accountEnv));
const app = await build({ tokenKey: await importEs256(config.INTERNAL_TOKEN_PUBLIC_JWK), logger: true });
await serve(app, config.SUBGRAPH_HOST, config.ACCOUNT_SUBGRAPH_PORT, 'account');
