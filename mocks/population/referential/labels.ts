/** Labels the agencies print next to their codes. */

export const REGIME_LABELS = {
  REGIME_GENERAL: 'Régime général (CNAV)',
  AGIRC_ARRCO: 'Retraite complémentaire Agirc-Arrco',
  MSA_SALARIES: 'Mutualité sociale agricole (salariés)',
  SSI: 'Sécurité sociale des indépendants',
  FONCTION_PUBLIQUE: 'Fonction publique',
} as const;

export const BENEFIT_LABELS = {
  AF: 'Allocations familiales',
  RSA: 'Revenu de solidarité active',
  RSA_MAJORE: 'Revenu de solidarité active majoré',
  PPA: 'Prime d’activité',
  AAH: 'Allocation aux adultes handicapés',
  ASF: 'Allocation de soutien familial',
  ALS: 'Allocation de logement sociale',
} as const;

export const JOB_SEEKER_CATEGORIES = {
  A: 'Sans emploi, tenu de faire des actes positifs de recherche d’emploi',
  B: 'Ayant exercé une activité réduite courte (78 heures ou moins dans le mois), tenu de faire des actes positifs de recherche d’emploi',
  C: 'Ayant exercé une activité réduite longue (plus de 78 heures dans le mois), tenu de faire des actes positifs de recherche d’emploi',
  D: 'Sans emploi, non tenu de faire des actes positifs de recherche d’emploi (formation, maladie, contrat de sécurisation professionnelle)',
  E: 'En emploi, non tenu de faire des actes positifs de recherche d’emploi (contrat aidé, création d’entreprise)',
} as const;

export type BenefitCode = keyof typeof BENEFIT_LABELS;
export type JobSeekerCategory = keyof typeof JOB_SEEKER_CATEGORIES;
