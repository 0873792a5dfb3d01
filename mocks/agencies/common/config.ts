import { z } from 'zod';
import { port, readConfig, serviceEnv, type Environment, type ServiceConfig } from '../../../common/config.ts';
import { parseIsoDate } from '../../population/dates.ts';
import { DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE } from '../../population/generate.ts';
import type { AgencyName } from '../../population/types.ts';
import { DEFAULT_API_KEYS, DEFAULT_PORTS } from './options.ts';

/** Environment variable prefix per agency: `CPF_PORT`, `FRANCE_TRAVAIL_API_KEY`… */
export const AGENCY_ENV_PREFIX: Readonly<Record<AgencyName, string>> = {
  cpf: 'CPF',
  rgcu: 'RGCU',
  caf: 'CAF',
  'france-travail': 'FRANCE_TRAVAIL',
};

export interface AgencyServerConfig extends ServiceConfig {
  host: string;
  port: number;
  apiKey: string;
  /** The day is today's when POPULATION_TODAY is unset (see service.ts). */
  population: { seed: number; size: number; today?: string };
}

/** Every variable one agency server process reads. */
export function agencyEnv(agency: AgencyName) {
  const prefix = AGENCY_ENV_PREFIX[agency];
  return z.object({
    ...serviceEnv,
    /** Interface to listen on; containers set 0.0.0.0. */
    AGENCY_HOST: z.string().min(1).default('127.0.0.1'),
    [`${prefix}_PORT`]: port(DEFAULT_PORTS[agency]),
    [`${prefix}_API_KEY`]: z.string().min(1).default(DEFAULT_API_KEYS[agency]),
    POPULATION_SEED: z.coerce.number().int().min(-(2 ** 31)).max(2 ** 32 - 1).default(DEFAULT_SEED),
    POPULATION_SIZE: z.coerce.number().int().min(0).max(MAX_SIZE).default(DEFAULT_SIZE),
    /** The day the population is generated at, YYYY-MM-DD; today by default. */
    POPULATION_TODAY: z.string().optional(),
  });
}

/**
 * Reads one agency server's configuration from the environment, once, with the documented
 * defaults; a wrong value throws ConfigError naming the variable.
 */
export function readAgencyConfig(agency: AgencyName, env: Environment): AgencyServerConfig {
  const prefix = AGENCY_ENV_PREFIX[agency];
  const apiKey = `${prefix}_API_KEY`;
  const config = readConfig(agencyEnv(agency), env, {
    required: { [apiKey]: { set: 'the key the agency subgraph presents (the same value on both)', fallback: 'the documented development key' } },
    secrets: [apiKey],
    check: (read) =>
      read.POPULATION_TODAY !== undefined && parseIsoDate(read.POPULATION_TODAY) === null ? ['POPULATION_TODAY: must be a date as YYYY-MM-DD'] : [],
  });
  const named = config as Record<string, unknown>;
  return {
    ...config,
    host: config.AGENCY_HOST,
    port: named[`${prefix}_PORT`] as number,
    apiKey: named[apiKey] as string,
    population: { seed: config.POPULATION_SEED, size: config.POPULATION_SIZE, today: config.POPULATION_TODAY },
  };
}
