import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { VerificationKey } from '../../contract/internal-token.ts';
import { importVerificationKey, port, publicJwks, readConfig, serviceEnv, type Read } from '../config.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { Telemetry } from '../observability/telemetry.ts';
import type { ServiceDefinition } from '../service.ts';
import { serve } from './serve.ts';

/** What a module's app needs to be built: the gateway's key, its clock, and the process's telemetry and lifecycle. */
export interface ModuleDeps {
  tokenKey: VerificationKey;
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

/** Every variable a module process reads; its port variable is `<NAME>_PORT`. */
function moduleEnv(name: string, defaultPort: number) {
  return z.object({
    ...serviceEnv,
    MODULE_HOST: z.string().min(1).default('127.0.0.1'),
    [`${name.toUpperCase()}_PORT`]: port(defaultPort),
    /** The gateway's public key for internal tokens, a JWK in JSON, or a JWK set during a key rotation. */
    INTERNAL_TOKEN_PUBLIC_JWK: publicJwks(),
  });
}

type ModuleConfig = Read<z.infer<ReturnType<typeof moduleEnv>>>;

/**
 * A module as a service (common/service.ts), run by its third party: here, the examples of
 * modules/ run by npm start and the mocks' image. The app is loaded once the configuration is valid.
 */
export function moduleService(
  name: string,
  defaultPort: number,
  load: () => Promise<{ build: (deps: ModuleDeps) => Promise<FastifyInstance> }>,
): ServiceDefinition<ModuleConfig> {
  const env = moduleEnv(name, defaultPort);
  return {
    name,
    env,
    readConfig: (given) => readConfig(env, given),
    start: async (config, kit) => {
      const { build } = await load();
      const telemetry = new Telemetry({ service: name, logger: kit.logger, processMetrics: kit.processMetrics });
      const app = await build({ tokenKey: await importVerificationKey(config.INTERNAL_TOKEN_PUBLIC_JWK), now: kit.clock, telemetry, lifecycle: kit.lifecycle });
      const listenPort = (config as Record<string, unknown>)[`${name.toUpperCase()}_PORT`] as number;
      return serve(app, { host: config.MODULE_HOST, port: listenPort, telemetry, logger: kit.logger });
    },
  };
}
