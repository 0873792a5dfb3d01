import { z } from 'zod';

const estimation = z.object({
  age_depart_annees: z.number().int(),
  age_depart_mois: z.number().int(),
  date_depart: z.string(),
  montant_mensuel_brut_euros: z.number(),
  taux_plein: z.boolean(),
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
export const rgcuEstimation = estimation;
