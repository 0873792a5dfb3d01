import { parseIsoDate } from '../../population/dates.ts';
import { DEFAULT_SEED, DEFAULT_SIZE, MAX_SIZE } from '../../population/generate.ts';
import type { AgencyName } from '../../population/types.ts';
import { DEFAULT_API_KEYS, DEFAULT_PORTS } from './options.ts';

/** Environment variable prefix per agency: `CPF_PORT`, `FRANCE_TRAVAIL_API_KEY`… */
const ENV_PREFIX: Readonly<Record<AgencyName, string>> = {
  cpf: 'CPF',
  rgcu: 'RGCU',
  caf: 'CAF',
  'france-travail': 'FRANCE_TRAVAIL',
};

export interface AgencyServerConfig {
  host: string;
  port: number;
  apiKey: string;
  population: { seed: number; size: number; today: string };
}

/**
 * Reads one agency server's configuration from the environment, once, with the documented
 * defaults; a wrong value stops the start with a message naming the variable.
 */
export function readAgencyConfig(
  agency: AgencyName,
  env: NodeJS.ProcessEnv,
  now: Date,
): AgencyServerConfig {
  const prefix = ENV_PREFIX[agency];
  const today = env['POPULATION_TODAY'] || now.toISOString().slice(0, 10);
  if (parseIsoDate(today) === null) throw new Error(`POPULATION_TODAY must be a date as YYYY-MM-DD (received "${today}")`);
  return {
    host: env['AGENCY_HOST'] || '127.0.0.1',
    port: integer(env, `${prefix}_PORT`, DEFAULT_PORTS[agency], 0, 65_535),
    apiKey: env[`${prefix}_API_KEY`] || DEFAULT_API_KEYS[agency],
    population: {
      seed: integer(env, 'POPULATION_SEED', DEFAULT_SEED, -(2 ** 31), 2 ** 32 - 1),
      size: integer(env, 'POPULATION_SIZE', DEFAULT_SIZE, 0, MAX_SIZE),
      today,
    },
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (received "${raw}")`);
  }
  return value;
}
