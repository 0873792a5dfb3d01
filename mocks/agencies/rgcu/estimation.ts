import type { FastifyInstance } from 'fastify';
import { estimatePension, estimationAgeRefusal, type RgcuDossier } from '../../population/dossiers/rgcu.ts';
import type { DossierStore } from '../common/dossier-store.ts';
import { errorCatalogue, fail, received } from '../common/errors.ts';

const rgcuError = errorCatalogue({ AGE_HORS_LIMITES: { status: 422, title: 'Âge de départ hors limites' } });

/**
 * `GET /v1/dossiers/{id}/estimation?age_annees=&age_mois=`: the pension for a chosen departure
 * age, computed as of the population's `today` like the dossier's own estimation.
 */
export function registerEstimationRoute(app: FastifyInstance, store: DossierStore<RgcuDossier>, today: string): void {
  app.get<{ Params: { id: string } }>('/v1/dossiers/:id/estimation', async (request) => {
    const dossier = store.get(request.params.id);
    const pivot = store.pivotOf(request.params.id);
    if (dossier === undefined || pivot === undefined) throw fail('NOT_FOUND', `Aucun dossier ${request.params.id}.`);
    const query = request.query as Record<string, unknown>;
    const age = { annees: whole(query, 'age_annees', true), mois: whole(query, 'age_mois', false) };
    if (age.mois > 11) throw fail('INVALID_PARAMETER', `age_mois doit être un entier de 0 à 11 (reçu : ${age.mois}).`, 'age_mois');
    const refusal = estimationAgeRefusal(pivot.birthdate, today, age);
    if (refusal !== null) throw rgcuError('AGE_HORS_LIMITES', refusal);
    return { data: estimatePension(pivot.birthdate, dossier.periodes, age) };
  });
}

function whole(query: Record<string, unknown>, field: string, required: boolean): number {
  const value = query[field];
  if (value === undefined || value === '') {
    if (required) throw fail('INVALID_PARAMETER', `${field} est obligatoire, en années entières (par exemple 64).`, field);
    return 0;
  }
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value)) {
    throw fail('INVALID_PARAMETER', `${field} doit être un entier (reçu : ${received(value)}).`, field);
  }
  return Number(value);
}
