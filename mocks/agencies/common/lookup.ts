import type { FastifyInstance } from 'fastify';
import type { Identite } from '../../../contract/identite.ts';
import type { DossierStore } from './dossier-store.ts';
import { AgencyHttpError, type ErrorBody, fail, received } from './errors.ts';
import { identiteFromJson, identiteFromQuery } from './identite.ts';

/** Identities one batch call may carry. */
export const MAX_BATCH = 500;

export type BatchResult<D> = { found: true; data: D } | { found: false; error: Omit<ErrorBody, 'source'> };

function findDossier<D>(store: DossierStore<D>, identite: Identite): D {
  const dossier = store.find(identite);
  if (dossier === undefined) throw fail('NOT_FOUND', 'Aucun dossier ne correspond à cette identité.');
  return dossier;
}

/** `GET /v1/dossiers/identite` and `POST /v1/dossiers/batch`: one answer per identity, in order. */
export function registerLookupRoutes<D>(app: FastifyInstance, store: DossierStore<D>): void {
  app.get('/v1/dossiers/identite', async (request) => ({ data: findDossier(store, identiteFromQuery(request.query)) }));
  app.post('/v1/dossiers/batch', async (request) => ({
    data: batchIdentites(request.body).map((item) => lookupOne(store, item)),
  }));
}

/** An API Particulier v3 route: the identity in the query, a view of the dossier in the answer. */
export function registerIdentiteView<D>(app: FastifyInstance, url: string, store: DossierStore<D>, view: (dossier: D) => unknown): void {
  app.get(url, async (request) => ({ data: view(findDossier(store, identiteFromQuery(request.query))) }));
}

function batchIdentites(body: unknown): unknown[] {
  const identites = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['identites'] : undefined;
  if (!Array.isArray(identites) || identites.length === 0 || identites.length > MAX_BATCH) {
    throw fail(
      'INVALID_PARAMETER',
      `Le corps doit être {"identites": [...]} avec 1 à ${MAX_BATCH} identités (reçu : ${received(identites ?? body)}).`,
      'identites',
    );
  }
  return identites;
}

function lookupOne<D>(store: DossierStore<D>, item: unknown): BatchResult<D> {
  try {
    return { found: true, data: findDossier(store, identiteFromJson(item)) };
  } catch (error) {
    if (!(error instanceof AgencyHttpError)) throw error;
    return { found: false, error: { code: error.code, title: error.title, detail: error.message } };
  }
}
