import { z } from 'zod';

const benefitCode = z.enum(['AF', 'RSA', 'RSA_MAJORE', 'PPA', 'AAH', 'ASF', 'ALS']);
const person = z.object({
  nom_naissance: z.string(),
  nom_usage: z.string().nullable(),
  prenoms: z.string(),
  date_naissance: z.string(),
  sexe: z.enum(['M', 'F']),
});

/** The person's file at the CAF (mocks/agencies/CONTRACT.md, `caf`; API Particulier v3 shapes). */
export const cafDossier = z.object({
  numero_allocataire: z.string(),
  quotient_familial: z.object({
    fournisseur: z.string(),
    valeur: z.number().int(),
    annee: z.number().int(),
    mois: z.number().int(),
  }),
  allocataires: z.array(person),
  enfants: z.array(person),
  adresse: z.object({}).passthrough().nullable(),
  prestations: z.array(
    z.object({
      code: benefitCode,
      libelle: z.string(),
      montant_mensuel_euros: z.number(),
      date_debut_droit: z.string(),
      date_fin_droit: z.string().nullable(),
    }),
  ),
  paiements: z.array(
    z.object({ id: z.string(), date_versement: z.string(), prestation: benefitCode, montant_euros: z.number() }),
  ),
});

export type CafDossier = z.infer<typeof cafDossier>;
