import { generatePopulation } from '../../population/generate.ts';
import type { AgencyName, Population } from '../../population/types.ts';
import type { AgencyServer } from './app.ts';
import { readAgencyConfig, type AgencyServerConfig } from './config.ts';

/**
 * Runs one agency system as its own process: configuration from the environment, a generated
 * population, listen, and a clean close on SIGINT or SIGTERM.
 */
export async function serveAgency(
  agency: AgencyName,
  build: (options: { population: Population; apiKey: string; logger: boolean }) => AgencyServer,
): Promise<void> {
  let config: AgencyServerConfig;
  try {
    config = readAgencyConfig(agency, process.env, new Date());
  } catch (error) {
    // A configuration mistake needs its message, not a stack trace.
    console.error(`${agency}: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const population = generatePopulation(config.population);
  const app = build({ population, apiKey: config.apiKey, logger: true });
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { agency, persons: population.persons.length, seed: population.seed, today: population.today },
    `${agency} mock ready`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
