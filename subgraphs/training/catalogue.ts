import type { AgencyClient } from '../shared/agency-client.ts';
import { badUserInput } from '../../contract/errors.ts';
import { centsOf } from '../../contract/scalars.ts';
import { LRUCache } from 'lru-cache';
import { fetchFormation, searchFormations, type CatalogueQuery, type Formation } from './client.ts';

/** The catalogue changes a few times a day at most: minutes of staleness cost nothing. */
const CACHE_TTL_MS = 5 * 60 * 1000; // 5 min
const CACHE_MAX_ENTRIES = 1000;
const MAX_PAGE_SIZE = 100;
const MAX_TEXT_LENGTH = 200;

export interface TrainingSearchInput {
  text?: string | null;
  region?: string | null;
  maxPrice?: number | null;
  withOpenSession?: boolean | null;
}

/**
 * The public CPF catalogue, read through caches shared by every caller (lru-cache): it holds no
 * personal data, so one answer serves everyone and spares the agency repeated searches.
 * Concurrent requests for one key share one call; a failed call is not kept.
 */
export class Catalogue {
  readonly #searches: LRUCache<string, Awaited<ReturnType<typeof searchFormations>>, CatalogueQuery>;
  /** Boxed: the cache keeps no null, and "no such training" is worth keeping too. */
  readonly #trainings: LRUCache<string, { formation: Formation | null }>;

  constructor(client: AgencyClient) {
    const options = { max: CACHE_MAX_ENTRIES, ttl: CACHE_TTL_MS };
    this.#searches = new LRUCache({ ...options, fetchMethod: (_key, _stale, { context }) => searchFormations(client, context) });
    this.#trainings = new LRUCache({ ...options, fetchMethod: async (id) => ({ formation: await fetchFormation(client, id) }) });
  }

  async search(input: TrainingSearchInput, page: number, perPage: number) {
    const query = catalogueQuery(input, page, perPage);
    const answer = await this.#searches.forceFetch(JSON.stringify(query), { context: query });
    return {
      items: answer.data.map(toTraining),
      page: answer.meta.page,
      perPage: answer.meta.par_page,
      total: answer.meta.total,
      hasNextPage: answer.meta.page * answer.meta.par_page < answer.meta.total,
    };
  }

  async training(id: string) {
    const { formation } = await this.#trainings.forceFetch(id);
    return formation && toTraining(formation);
  }

  /** Forgets every cached answer: an enrolment took a seat, so the counts cached here are out of date. */
  forget(): void {
    this.#searches.clear();
    this.#trainings.clear();
  }
}

/** Normalised, so the same search written differently shares one cache entry. */
function catalogueQuery(input: TrainingSearchInput, page: number, perPage: number): CatalogueQuery {
  const text = (input.text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  if (text.length > MAX_TEXT_LENGTH) {
    throw badUserInput('search.text', 'OUT_OF_RANGE', `search.text must be at most ${MAX_TEXT_LENGTH} characters (got ${text.length}).`);
  }
  const region = input.region ?? null;
  if (region !== null && !/^\d{2}$/.test(region)) {
    throw badUserInput('search.region', 'INVALID_FORMAT', `search.region must be a two-digit INSEE region code, such as 84 (got "${region}").`);
  }
  const maxPrice = input.maxPrice ?? null;
  if (maxPrice !== null && maxPrice < 0) throw badUserInput('search.maxPrice', 'OUT_OF_RANGE', `search.maxPrice must be 0 or more (got ${maxPrice}).`);
  if (page < 1) throw badUserInput('page', 'OUT_OF_RANGE', `page must be 1 or more (got ${page}).`);
  if (perPage < 1 || perPage > MAX_PAGE_SIZE) throw badUserInput('perPage', 'OUT_OF_RANGE', `perPage must be 1 to ${MAX_PAGE_SIZE} (got ${perPage}).`);
  return { text, region, maxPrice, withOpenSession: input.withOpenSession ?? false, page, perPage };
}

function toTraining(formation: Formation) {
  return {
    id: formation.numero_formation,
    title: formation.intitule_formation,
    provider: formation.nom_of,
    providerSiret: formation.siret_of,
    certificationCode: formation.code_rncp,
    region: { code: formation.code_region, name: formation.nom_region },
    price: centsOf(formation.frais_ttc_tot_mean),
    hours: formation.nombre_heures_total_mean,
    sessions: formation.sessions.map(toSession).sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0)),
  };
}

export function toSession(session: Formation['sessions'][number]) {
  return {
    id: session.id,
    startDate: session.date_debut,
    endDate: session.date_fin,
    status: session.statut === 'OUVERTE' ? ('OPEN' as const) : ('CLOSED' as const),
    seatsLeft: session.places_restantes,
  };
}
