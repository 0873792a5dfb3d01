import { z } from 'zod';
import type { AgencyClient } from '../shared/agency-client.ts';
import { actionError, refusedByAgency } from '../shared/action-errors.ts';

const estimation = z.object({
  age_depart_annees: z.number().int(),
  age_depart_mois: z.number().int(),
  date_depart: z.string(),
  montant_mensuel_brut_euros: z.number(),
  taux_plein: z.boolean(),
  trimestres_au_depart: z.number().int(),
  trimestres_decote: z.number().int(),
  trimestres_surcote: z.number().int(),
});

/** The person's file at the CNAV career register (mocks/agencies/CONTRACT.md, `rgcu`). */
export const rgcuDossier = z.object({
  id: z.string(),
  periodes: z.array(
    z.object({
      regime: z.enum(['REGIME_GENERAL', 'AGIRC_ARRCO', 'MSA_SALARIES', 'SSI', 'FONCTION_PUBLIQUE']),
      libelle_regime: z.string(),
      nature: z.enum(['EMPLOI', 'CHOMAGE', 'MALADIE', 'MATERNITE', 'SERVICE_CIVIQUE']),
      employeur: z.string().nullable(),
      date_debut: z.string(),
      date_fin: z.string().nullable(),
      trimestres_valides: z.number().int(),
      revenus_annuels_euros: z.number().nullable(),
    }),
  ),
  trimestres: z.object({ valides: z.number().int(), requis: z.number().int() }),
  age_legal: z.object({ annees: z.number().int(), mois: z.number().int() }),
  date_age_legal: z.string(),
  estimation: estimation.nullable(),
});

export type RgcuDossier = z.infer<typeof rgcuDossier>;
export type RgcuEstimation = z.infer<typeof estimation>;

/** `GET /v1/dossiers/{id}/estimation`: the CNAV's estimate for a chosen retirement age. */
export async function fetchEstimation(client: AgencyClient, dossierId: string, age: { years: number; months: number }) {
  const answer = await client.request({
    method: 'GET',
    path: `/v1/dossiers/${encodeURIComponent(dossierId)}/estimation`,
    query: { age_annees: age.years, age_mois: age.months },
    schema: z.object({ data: estimation }),
    answerStatuses: [400, 422],
  });
  if (answer.ok) return answer.data.data;
  const message = `The CNAV cannot estimate this age: ${answer.detail}`;
  const refusal = client.refusal(answer);
  if (answer.code === 'AGE_HORS_LIMITES') throw actionError('AGE_OUT_OF_RANGE', message, { agency: client.agency, cause: refusal });
  throw refusedByAgency(answer.parameter === 'age_mois' ? 'age.months' : 'age.years', message, refusal);
}
