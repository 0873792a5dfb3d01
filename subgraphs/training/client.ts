import { z } from 'zod';
import { C2P_FACTORS } from '../../contract/agencies.ts';
import type { AgencyClient } from '../shared/agency-client.ts';
import { refusedByAgency } from '../shared/action-errors.ts';

/** The person's file at the Caisse des Dépôts (mocks/agencies/CONTRACT.md, `cpf`). */
export const cpfDossier = z.object({
  id: z.string(),
  peu_qualifie: z.boolean(),
  compte: z.object({
    solde_euros: z.number(),
    plafond_euros: z.number(),
    alimentation_annuelle_euros: z.number(),
    date_derniere_alimentation: z.string().nullable(),
  }),
  mouvements: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      type: z.enum(['ALIMENTATION', 'ABONDEMENT', 'INSCRIPTION', 'ANNULATION']),
      montant_euros: z.number(),
      libelle: z.string(),
    }),
  ),
  c2p: z
    .object({
      points_acquis: z.number().int(),
      points_consommes: z.number().int(),
      points_disponibles: z.number().int(),
      expositions: z.array(
        z.object({
          annee: z.number().int(),
          facteur: z.enum(C2P_FACTORS),
          points: z.number().int(),
        }),
      ),
    })
    .nullable(),
  cec: z
    .object({
      solde_euros: z.number(),
      plafond_euros: z.number(),
      engagements: z.array(z.object({ annee: z.number().int(), organisme: z.string(), montant_euros: z.number() })),
    })
    .nullable(),
  inscriptions: z.array(
    z.object({
      id: z.string(),
      numero_formation: z.string(),
      intitule_formation: z.string(),
      session_id: z.string(),
      date_inscription: z.string(),
      date_debut_session: z.string(),
      montant_euros: z.number(),
      statut: z.enum(['VALIDEE', 'ANNULEE']),
    }),
  ),
});

export type CpfDossier = z.infer<typeof cpfDossier>;

const inscription = cpfDossier.shape.inscriptions.element;

/** A training of the open CPF catalogue. */
export const formation = z.object({
  numero_formation: z.string(),
  intitule_formation: z.string(),
  nom_of: z.string(),
  siret_of: z.string(),
  code_rncp: z.string(),
  code_region: z.string(),
  nom_region: z.string(),
  frais_ttc_tot_mean: z.number(),
  nombre_heures_total_mean: z.number(),
  sessions: z.array(
    z.object({
      id: z.string(),
      date_debut: z.string(),
      date_fin: z.string(),
      statut: z.enum(['OUVERTE', 'FERMEE']),
      places_restantes: z.number().int(),
    }),
  ),
});

export type Formation = z.infer<typeof formation>;
export type Inscription = z.infer<typeof inscription>;

export interface CatalogueQuery {
  text: string;
  region: string | null;
  withOpenSession: boolean;
  /** In cents. */
  maxPrice: number | null;
  page: number;
  perPage: number;
}

/** `GET /v1/formations`: one page of the catalogue search. */
export async function searchFormations(client: AgencyClient, query: CatalogueQuery) {
  const answer = await client.request({
    method: 'GET',
    path: '/v1/formations',
    query: {
      q: query.text || undefined,
      region: query.region ?? undefined,
      prix_max: query.maxPrice === null ? undefined : (query.maxPrice / 100).toFixed(2),
      session_ouverte: query.withOpenSession ? 'true' : undefined,
      page: query.page,
      par_page: query.perPage,
    },
    schema: z.object({
      data: z.array(formation),
      meta: z.object({ page: z.number().int(), par_page: z.number().int(), total: z.number().int() }),
    }),
    answerStatuses: [400],
  });
  if (!answer.ok) {
    const field = { q: 'search.text', region: 'search.region', prix_max: 'search.maxPrice', page: 'page', par_page: 'perPage' }[answer.parameter ?? ''];
    throw refusedByAgency(field ?? 'search', `The catalogue refused the search: ${answer.detail}`, client.refusal(answer));
  }
  return answer.data;
}

/** `GET /v1/formations/{numero}`; null when the catalogue has no such training. */
export async function fetchFormation(client: AgencyClient, id: string): Promise<Formation | null> {
  const answer = await client.request({
    method: 'GET',
    path: `/v1/formations/${encodeURIComponent(id)}`,
    schema: z.object({ data: formation }),
    answerStatuses: [404],
  });
  return answer.ok ? answer.data.data : null;
}

export interface EnrolmentAnswer {
  inscription: Inscription;
  session: Formation['sessions'][number];
  balanceEuros: number;
  replayed: boolean;
}

/**
 * `POST /v1/dossiers/{id}/inscriptions`, which debits the balance once per idempotency key: the
 * agency replays its first answer to a retry, so the client may resend it after a broken connection.
 */
export async function enrol(
  client: AgencyClient,
  dossierId: string,
  request: { trainingId: string; sessionId: string; idempotencyKey: string },
) {
  const answer = await client.request({
    method: 'POST',
    path: `/v1/dossiers/${encodeURIComponent(dossierId)}/inscriptions`,
    body: { numero_formation: request.trainingId, session_id: request.sessionId },
    idempotencyKey: request.idempotencyKey,
    schema: z.object({ data: z.object({ inscription, session: formation.shape.sessions.element, solde_euros: z.number() }) }),
    answerStatuses: [400, 404, 409, 422],
  });
  if (!answer.ok) return answer;
  const enrolment: EnrolmentAnswer = {
    inscription: answer.data.data.inscription,
    session: answer.data.data.session,
    balanceEuros: answer.data.data.solde_euros,
    replayed: answer.headers['idempotent-replayed'] === 'true',
  };
  return { ok: true as const, enrolment };
}
