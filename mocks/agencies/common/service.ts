import type { Logger } from '../../../common/observability/logging.ts';
import type { RunningService, ServiceDefinition } from '../../../common/service.ts';
import { generatePopulation } from '../../population/generate.ts';
import type { AgencyName, Population } from '../../population/types.ts';
import type { AgencyServer } from './app.ts';
import { agencyEnv, readAgencyConfig, type AgencyServerConfig } from './config.ts';

type Build = (options: { population: Population; apiKey: string; logger: Logger; clock: () => Date }) => AgencyServer;

export interface RunningAgency extends RunningService {
  /** The server itself, for in-process control (tests: `server.control.set({ fault: 'down' })`). */
  server: AgencyServer;
}

/**
 * Populations generated in this process, by seed, size and day: the development launcher runs
 * the four agencies in one process, and each would otherwise generate the same people again.
 */
const populations = new Map<string, Population>();

function populationOf(options: { seed: number; size: number; today: string }): Population {
  const key = `${options.seed}/${options.size}/${options.today}`;
  let population = populations.get(key);
  if (!population) populations.set(key, (population = generatePopulation(options)));
  return population;
}

/** One agency system as a service (common/service.ts): a generated population, served over HTTP. */
export function agencyService(agency: AgencyName, load: () => Promise<{ build: Build }>): ServiceDefinition<AgencyServerConfig, RunningAgency> {
  return {
    name: agency,
    env: agencyEnv(agency),
    readConfig: (env) => readAgencyConfig(agency, env),
    start: async (config, kit) => {
      const { build } = await load();
      const population = populationOf({ ...config.population, today: config.population.today ?? kit.clock().toISOString().slice(0, 10) });
      const server = build({ population, apiKey: config.apiKey, logger: kit.logger, clock: kit.clock });
      await server.listen({ host: config.host, port: config.port });
      const address = server.server.address();
      if (address === null || typeof address === 'string') throw new Error(`${agency} is not listening on TCP`);
      kit.logger.info({ agency, persons: population.persons.length, seed: population.seed, today: population.today }, `${agency} mock ready`);
      return { url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${address.port}`, server, close: () => server.close() };
    },
  };
}
