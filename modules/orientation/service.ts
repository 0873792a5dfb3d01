import { z } from 'zod';
import { importVerificationKey, port, publicJwks, readConfig, serviceEnv } from '../../common/config.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { ServiceDefinition } from '../../common/service.ts';
import { serve } from '../../subgraphs/shared/service.ts';

/** Every variable the orientation module reads. */
export const orientationEnv = z.object({
  ...serviceEnv,
  MODULE_HOST: z.string().min(1).default('127.0.0.1'),
  ORIENTATION_PORT: port(4301),
  /** The gateway's public key for internal tokens, a JWK in JSON, or a JWK set during a key rotation. */
  INTERNAL_TOKEN_PUBLIC_JWK: publicJwks(),
});

/** The example module "orientation", run by its third party (here: the mocks' image and npm start). */
export const orientationService: ServiceDefinition<ReturnType<typeof readConfig<typeof orientationEnv>>> = {
  name: 'orientation',
  env: orientationEnv,
  readConfig: (env) => readConfig(orientationEnv, env),
  start: async (config, kit) => {
    const { build } = await import('./app.ts');
    const telemetry = new Telemetry({ service: 'orientation', logger: kit.logger, processMetrics: kit.processMetrics });
    const app = await build({
      tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK),
      now: kit.clock,
      telemetry,
      lifecycle: kit.lifecycle,
    });
    return serve(app, { host: config.MODULE_HOST, port: config.ORIENTATION_PORT, telemetry, logger: kit.logger });
  },
};
