import { z } from 'zod';

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
          facteur: z.enum([
            'TRAVAIL_DE_NUIT',
            'TRAVAIL_EN_EQUIPES_ALTERNANTES',
            'TRAVAIL_REPETITIF',
            'MILIEU_HYPERBARE',
            'TEMPERATURES_EXTREMES',
            'BRUIT',
          ]),
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
