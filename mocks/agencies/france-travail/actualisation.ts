import type { FastifyInstance } from 'fastify';
import type { Declaration, FranceTravailDossier } from '../../population/dossiers/france-travail.ts';
import { ACTUALISATION_MAX_GROSS_PAY, ACTUALISATION_MAX_HOURS } from '../../population/referential/rules.ts';
import type { DossierStore } from '../common/dossier-store.ts';
import { errorCatalogue, fail, received } from '../common/errors.ts';
import { dateOf } from '../common/options.ts';

const franceTravailError = errorCatalogue({
  // The declaration is well formed but does not hold together, or holds what no month can.
  VALEUR_MANQUANTE: { status: 422, title: 'Valeur manquante' },
  VALEUR_INATTENDUE: { status: 422, title: 'Valeur inattendue' },
  VALEUR_HORS_LIMITES: { status: 422, title: 'Valeur hors limites' },
  PERIODE_NON_OUVERTE: { status: 422, title: 'Période non ouverte' },
  ACTUALISATION_DEJA_FAITE: { status: 409, title: 'Actualisation déjà faite' },
  NON_INSCRIT: { status: 409, title: 'Non inscrit' },
});

type Received = Omit<Declaration, 'date_enregistrement' | 'heures_travaillees' | 'salaire_brut_euros'> & {
  periode: string;
  heures_travaillees?: number;
  salaire_brut_euros?: number;
};

const PERIODE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What a month can hold, checked here as the real system does, whatever the caller checked. */
const LIMITS = { heures_travaillees: ACTUALISATION_MAX_HOURS, salaire_brut_euros: ACTUALISATION_MAX_GROSS_PAY } as const;

/**
 * `POST /v1/dossiers/{id}/actualisations`: the monthly update of the period open now. The
 * declaration is kept in the dossier, which shows it from then on.
 */
export function registerActualisationRoute(app: FastifyInstance, store: DossierStore<FranceTravailDossier>, clock: () => Date): void {
  app.post<{ Params: { id: string } }>('/v1/dossiers/:id/actualisations', async (request, reply) => {
    const id = request.params.id;
    const dossier = store.get(id);
    if (dossier === undefined) throw fail('NOT_FOUND', `Aucun dossier ${id}.`);
    const declaration = readDeclaration(request.body);
    checkConsistent(declaration);
    const open = dossier.actualisation;
    if (dossier.inscription === null || dossier.inscription.date_fin !== null || open === null) {
      throw franceTravailError('NON_INSCRIT', `Le dossier ${id} n'a pas d'inscription en cours : il n'y a rien à actualiser.`);
    }
    if (declaration.periode !== open.periode) {
      throw franceTravailError(
        'PERIODE_NON_OUVERTE',
        `La période ouverte est ${open.periode} (du ${open.date_ouverture} au ${open.date_limite}) ; reçu : ${declaration.periode}.`,
      );
    }
    if (open.statut === 'EFFECTUEE') {
      throw franceTravailError('ACTUALISATION_DEJA_FAITE', `L'actualisation de ${open.periode} est déjà faite.`);
    }
    const recordedOn = dateOf(clock());
    const { periode: _periode, ...answers } = declaration;
    store.update(id, (draft) => {
      if (draft.actualisation === null) return;
      draft.actualisation.statut = 'EFFECTUEE';
      draft.actualisation.declaration = {
        ...answers,
        date_enregistrement: recordedOn,
        heures_travaillees: declaration.a_travaille ? (declaration.heures_travaillees ?? null) : null,
        salaire_brut_euros: declaration.a_travaille ? (declaration.salaire_brut_euros ?? null) : null,
      };
    });
    return reply.code(201).send({ data: { periode: open.periode, date_enregistrement: recordedOn, statut: 'EFFECTUEE' } });
  });
}

function readDeclaration(body: unknown): Received {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (fields === null) throw fail('INVALID_PARAMETER', `Le corps doit être un objet JSON (reçu : ${received(body)}).`, 'body');
  const periode = fields['periode'];
  if (typeof periode !== 'string' || !PERIODE.test(periode)) {
    throw fail('INVALID_PARAMETER', `periode doit être un mois AAAA-MM, comme 2026-10 (reçu : ${received(periode)}).`, 'periode');
  }
  const declaration: Received = {
    periode,
    a_travaille: flag(fields, 'a_travaille'),
    en_formation: flag(fields, 'en_formation'),
    en_arret_maladie: flag(fields, 'en_arret_maladie'),
    recherche_emploi: flag(fields, 'recherche_emploi'),
  };
  for (const field of ['heures_travaillees', 'salaire_brut_euros'] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw fail('INVALID_PARAMETER', `${field} doit être un nombre positif ou nul (reçu : ${received(value)}).`, field);
    }
    declaration[field] = value;
  }
  return declaration;
}

function flag(fields: Record<string, unknown>, field: string): boolean {
  const value = fields[field];
  if (typeof value !== 'boolean') throw fail('INVALID_PARAMETER', `${field} doit valoir true ou false (reçu : ${received(value)}).`, field);
  return value;
}

/** Hours and pay come with work: required and within a month's limits when one worked, absent or zero otherwise. */
function checkConsistent(declaration: Received): void {
  for (const field of ['heures_travaillees', 'salaire_brut_euros'] as const) {
    const value = declaration[field];
    if (declaration.a_travaille && value === undefined) {
      throw franceTravailError('VALEUR_MANQUANTE', `${field} est obligatoire quand a_travaille est true.`, field);
    }
    if (declaration.a_travaille && (value === 0 || (value ?? 0) > LIMITS[field])) {
      throw franceTravailError('VALEUR_HORS_LIMITES', `${field} doit être supérieur à 0 et au plus ${LIMITS[field]} pour un mois (reçu : ${value}).`, field);
    }
    if (!declaration.a_travaille && value !== undefined && value !== 0) {
      throw franceTravailError('VALEUR_INATTENDUE', `${field} doit être absent ou 0 quand a_travaille est false (reçu : ${value}).`, field);
    }
  }
}
