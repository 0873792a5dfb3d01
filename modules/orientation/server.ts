// Runs the orientation module as its own process: `tsx modules/orientation/server.ts`.
import { z } from 'zod';
import { importEs256, jwk, port, readConfig } from '../../common/config.ts';
import { serve } from '../../subgraphs/shared/run.ts';
import { build } from './app.ts';

const config = readConfig(
  z.object({ MODULE_HOST: z.string().default('127.0.0.1'), ORIENTATION_PORT: port(4301), INTERNAL_TOKEN_PUBLIC_JWK: jwk() }),
);
const app = await build({ tokenKey: await importEs256(config.INTERNAL_TOKEN_PUBLIC_JWK), logger: true });
await serve(app, config.MODULE_HOST, config.ORIENTATION_PORT, 'orientation module');
