import { z } from 'zod';

/** The person's file at France Travail (mocks/agencies/CONTRACT.md, `france-travail`; API Particulier v3 shapes). */
export const franceTravailDossier = z.object({
  identifiant: z.string(),
  inscription: z
    .object({
      date_debut: z.string(),
      date_fin: z.string().nullable(),
      categorie: z.object({ code: z.enum(['A', 'B', 'C', 'D', 'E']), libelle: z.string() }),
    })
    .nullable(),
  indemnisation: z
    .object({
      allocation: z.string(),
      montant_journalier_brut_euros: z.number(),
      date_ouverture_droits: z.string(),
      date_fin_droits: z.string(),
      jours_restants: z.number().int(),
    })
    .nullable(),
  paiements: z.array(
    z.object({
      date_versement: z.string(),
      montant_total: z.number(),
      montant_allocation: z.number(),
      montant_aide: z.number(),
      montant_autre_aide: z.number(),
    }),
  ),
  actualisation: z
    .object({
      periode: z.string(),
      date_ouverture: z.string(),
      date_limite: z.string(),
      statut: z.enum(['A_FAIRE', 'EFFECTUEE']),
      declaration: z
        .object({
          date_enregistrement: z.string(),
          a_travaille: z.boolean(),
          heures_travaillees: z.number().nullable(),
          salaire_brut_euros: z.number().nullable(),
          en_formation: z.boolean(),
          en_arret_maladie: z.boolean(),
          recherche_emploi: z.boolean(),
        })
        .nullable(),
    })
    .nullable(),
});

export type FranceTravailDossier = z.infer<typeof franceTravailDossier>;
