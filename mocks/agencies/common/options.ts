import { DEVELOPMENT_AGENCY_API_KEYS } from '../../../contract/development.ts';
import type { Logger } from '../../../common/observability/logging.ts';
import { agencySlice } from '../../population/slices.ts';
import type { AgencyName, AgencySlice, CpfSlice, DossierOf, Population } from '../../population/types.ts';

/** Development API keys, used when none is given (documented; production refuses them). */
export const DEFAULT_API_KEYS: Readonly<Record<AgencyName, string>> = DEVELOPMENT_AGENCY_API_KEYS;

/** Ports `npm start` and the server entries use; tests pass 0 for a free one. */
export const DEFAULT_PORTS: Readonly<Record<AgencyName, number>> = {
  cpf: 4201,
  rgcu: 4202,
  caf: 4203,
  'france-travail': 4204,
};

/** What every agency's `build()` takes. */
export interface BuildOptions<S> {
  /** The whole population, or just this agency's slice of it (see agencySlice). */
  population: Population | S;
  /** The key clients must send in X-Api-Key; the agency's development key by default. */
  apiKey?: string;
  /** Request logs: a logger, or true for one on stdout; off by default. */
  logger?: boolean | Logger;
  /** The server's clock, for the dates it writes (enrolments, messages, actualisations); tests fix it. */
  clock?: () => Date;
}

function isPopulation<S>(value: Population | S): value is Population {
  return typeof value === 'object' && value !== null && 'persons' in value;
}

export function cpfSliceOf(population: Population | CpfSlice): CpfSlice {
  return isPopulation(population) ? agencySlice(population, 'cpf') : population;
}

export function sliceOf<A extends Exclude<AgencyName, 'cpf'>>(
  population: Population | AgencySlice<DossierOf<A>>,
  agency: A,
): AgencySlice<DossierOf<A>> {
  return isPopulation(population) ? agencySlice(population, agency) : population;
}

/** The server's day, as agencies write dates. */
export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
