import type { z } from 'zod';
import type { Environment, ServiceConfig } from './config.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { Logger } from './observability/logging.ts';

/** What the one who starts a service hands it besides its configuration. */
export interface ServiceKit {
  logger: Logger;
  lifecycle: Lifecycle;
  /** A process runs one service: its registry also carries the process metrics. */
  processMetrics: boolean;
  /** The clock of the service's rules and records: the real time, except in tests. */
  clock: () => Date;
}

export interface RunningService {
  /** Where it listens (not a public URL). */
  url: string;
  /** Stops listening, drains in-flight requests, then closes pools and connections. */
  close(): Promise<void>;
  inFlight?: () => number;
}

/**
 * One process of the platform: every variable it reads, how they become its configuration, and
 * how it starts from that configuration. Its `server.ts` runs it as a process (common/process.ts);
 * the development launcher (dev/) runs the same definition, from the same kind of environment,
 * in one process; so what the tests exercise is what a container runs.
 */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig, R extends RunningService = RunningService> {
  /** `gateway`, `training`, `cpf`…: names the process in logs and traces. */
  name: string;
  /** Every variable it reads (docker-compose.yml and .env.example are checked against it). */
  env: z.ZodObject;
  /** Variables it reads by their form rather than by name (`MODULE_<NAME>_URL`). */
  variablePatterns?: readonly RegExp[];
  /** Reads and validates the environment; throws ConfigError naming each bad variable. */
  readConfig(env: Environment): C;
  start(config: C, kit: ServiceKit): Promise<R>;
}
