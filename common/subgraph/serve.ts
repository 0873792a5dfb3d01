import type { FastifyInstance } from 'fastify';
import { listenApp } from '../listen.ts';
import type { Logger } from '../observability/logging.ts';
import type { Telemetry } from '../observability/telemetry.ts';
import type { RunningService } from '../service.ts';

/** Listens a built subgraph (or module) and hands it over as a running service (common/service.ts). */
export async function serve(
  app: FastifyInstance,
  options: { host: string; port: number; telemetry: Telemetry; logger: Logger },
): Promise<RunningService> {
  const { url, close } = await listenApp(app, { host: options.host, port: options.port });
  options.logger.info({ url: `${url}/graphql` }, 'subgraph listening');
  return { url, close, inFlight: () => options.telemetry.metrics.inFlight };
}
