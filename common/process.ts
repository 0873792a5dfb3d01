import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, type ServiceConfig } from './config.ts';
import { Lifecycle, shutDown } from './lifecycle.ts';
import { createLogger } from './observability/logging.ts';
import { startTracing } from './observability/tracing.ts';
import type { RunningService, ServiceDefinition } from './service.ts';

/**
 * The entry point of every process: configuration (a bad value stops the start with a message
 * naming the variable, exit code 1), JSON logs, traces when asked, and the SIGTERM sequence
 * of common/lifecycle.ts (exit code 0 when it completes cleanly).
 */
export async function runService<C extends ServiceConfig, R extends RunningService>(service: ServiceDefinition<C, R>): Promise<void> {
  const config = readConfigOrExit(service);
  const logger = createLogger({ service: service.name, level: config.LOG_LEVEL });
  const tracing = await startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? service.name,
    exporter: config.OTEL_TRACES_EXPORTER,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
  });
  const lifecycle = new Lifecycle();
  let running: RunningService;
  try {
    if (config.developmentDefaults.length > 0) {
      logger.warn({ defaults: config.developmentDefaults }, 'development mode: running on embedded defaults, which production refuses');
    }
    running = await service.start(config, { logger, lifecycle, processMetrics: true, clock: () => new Date() });
  } catch (error) {
    logger.fatal({ err: error }, 'start failed');
    await tracing.shutdown();
    process.exit(1);
  }
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutdown: signal received');
      void shutDown({
        lifecycle,
        logger,
        waitForBalancers: () => sleep(config.SHUTDOWN_DELAY_MS),
        inFlight: running.inFlight,
        close: () => running.close(),
        timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        flush: () => tracing.shutdown(),
      }).then((outcome) => process.exit(outcome === 'clean' ? 0 : 1));
    });
  }
}

function readConfigOrExit<C extends ServiceConfig, R extends RunningService>(service: ServiceDefinition<C, R>): C {
  try {
    return service.readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Before any logger exists, and for a person: the variable and how to fix it, no stack.
    process.stderr.write(`${service.name}: ${error.message}\n`);
    process.exit(1);
  }
}
