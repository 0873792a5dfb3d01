import type { FastifyInstance } from 'fastify';
import type { Formation, Session } from '../../population/catalogue.ts';
import { normaliseName } from '../../population/identite.ts';
import { fail, received } from '../common/errors.ts';
import { cpfError } from './errors.ts';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

interface SearchQuery {
  words: string[];
  region: string | null;
  maxPrice: number | null;
  /** Only trainings with a session open for enrolment. */
  openSession: boolean;
  page: number;
  pageSize: number;
}

/**
 * The training catalogue: a few hundred entries, searched by filtering a list prepared at start
 * (the identity lookups are the ones that must be indexed). The population's catalogue is shared
 * and never written: a training whose seats this instance takes is copied first.
 */
export class Catalogue {
  readonly #numbers: readonly string[];
  readonly #byNumber = new Map<string, Formation>();
  readonly #searchText: ReadonlyMap<string, string>;

  constructor(formations: readonly Formation[]) {
    this.#numbers = formations.map((formation) => formation.numero_formation);
    for (const formation of formations) this.#byNumber.set(formation.numero_formation, formation);
    this.#searchText = new Map(
      formations.map((f) => [f.numero_formation, normaliseName(`${f.intitule_formation} ${f.nom_of} ${f.code_rncp} ${f.numero_formation}`)]),
    );
  }

  get(numero: string): Formation | undefined {
    return this.#byNumber.get(numero);
  }

  /** Takes one seat of an open session (the caller checked it is open); the session closes with its last seat. */
  takeSeat(numero: string, sessionId: string): Session {
    const formation = structuredClone(this.#byNumber.get(numero) as Formation);
    const session = formation.sessions.find((candidate) => candidate.id === sessionId) as Session;
    session.places_restantes -= 1;
    if (session.places_restantes === 0) session.statut = 'FERMEE';
    this.#byNumber.set(numero, formation);
    return session;
  }

  search(query: SearchQuery): { data: Formation[]; meta: { page: number; par_page: number; total: number } } {
    const matching: Formation[] = [];
    for (const numero of this.#numbers) {
      const formation = this.#byNumber.get(numero) as Formation;
      if (
        (query.region === null || formation.code_region === query.region) &&
        (query.maxPrice === null || formation.frais_ttc_tot_mean <= query.maxPrice) &&
        (!query.openSession || formation.sessions.some((session) => session.statut === 'OUVERTE')) &&
        query.words.every((word) => (this.#searchText.get(numero) as string).includes(word))
      ) {
        matching.push(formation);
      }
    }
    const start = (query.page - 1) * query.pageSize;
    return {
      data: matching.slice(start, start + query.pageSize),
      meta: { page: query.page, par_page: query.pageSize, total: matching.length },
    };
  }
}

export function registerCatalogueRoutes(app: FastifyInstance, catalogue: Catalogue): void {
  app.get('/v1/formations', async (request) => catalogue.search(searchQuery(request.query as Record<string, unknown>)));
  app.get<{ Params: { numero: string } }>('/v1/formations/:numero', async (request) => {
    const formation = catalogue.get(request.params.numero);
    if (formation === undefined) {
      throw cpfError('FORMATION_INCONNUE', `Aucune formation ${request.params.numero} au catalogue.`);
    }
    return { data: formation };
  });
}

function searchQuery(query: Record<string, unknown>): SearchQuery {
  const q = text(query, 'q');
  const region = text(query, 'region');
  if (region !== '' && !/^\d{2}$/.test(region)) {
    throw fail('INVALID_PARAMETER', `region doit être un code région INSEE de 2 chiffres, comme 84 (reçu : ${received(region)}).`, 'region');
  }
  const maxPrice = text(query, 'prix_max');
  if (maxPrice !== '' && !/^\d+(\.\d{1,2})?$/.test(maxPrice)) {
    throw fail('INVALID_PARAMETER', `prix_max doit être un montant en euros, comme 1500 (reçu : ${received(maxPrice)}).`, 'prix_max');
  }
  const openSession = text(query, 'session_ouverte');
  if (openSession !== '' && openSession !== 'true' && openSession !== 'false') {
    throw fail('INVALID_PARAMETER', `session_ouverte doit valoir true ou false (reçu : ${received(openSession)}).`, 'session_ouverte');
  }
  return {
    words: normaliseName(q).split(' ').filter((word) => word !== ''),
    openSession: openSession === 'true',
    region: region === '' ? null : region,
    maxPrice: maxPrice === '' ? null : Number(maxPrice),
    page: positive(query, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: positive(query, 'par_page', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function text(query: Record<string, unknown>, field: string): string {
  const value = query[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw fail('INVALID_PARAMETER', `${field} est donné plusieurs fois.`, field);
  return value.trim();
}

function positive(query: Record<string, unknown>, field: string, fallback: number, max: number): number {
  const value = text(query, field);
  if (value === '') return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > max) {
    throw fail('INVALID_PARAMETER', `${field} doit être un entier de 1 à ${max} (reçu : ${received(value)}).`, field);
  }
  return number;
}
