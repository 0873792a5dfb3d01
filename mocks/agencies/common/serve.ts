import { runService } from '../../../common/process.ts';
import type { Logger } from '../../../common/observability/logging.ts';
import { generatePopulation } from '../../population/generate.ts';
import type { AgencyName, Population } from '../../population/types.ts';
import type { AgencyServer } from './app.ts';
import { readAgencyConfig } from './config.ts';

/**
 * Runs one agency system as its own process (see common/process.ts): configuration from the
 * environment, a generated population, listen, and a clean close on SIGINT or SIGTERM.
 */
export async function serveAgency(
  agency: AgencyName,
  build: (options: { population: Population; apiKey: string; logger: Logger }) => AgencyServer,
): Promise<void> {
  await runService({
    name: agency,
    readConfig: () => readAgencyConfig(agency, process.env, new Date()),
    start: async (config, kit) => {
      const population = generatePopulation(config.population);
      const app = build({ population, apiKey: config.apiKey, logger: kit.logger });
      await app.listen({ host: config.host, port: config.port });
      kit.logger.info(
        { agency, persons: population.persons.length, seed: population.seed, today: population.today },
        `${agency} mock ready`,
      );
      return { close: () => app.close() };
    },
  });
}
