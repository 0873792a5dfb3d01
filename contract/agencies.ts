/** The agency systems the platform reads, by the name every part of it uses for them. */
export const AGENCY_NAMES = ['cpf', 'rgcu', 'caf', 'france-travail'] as const;

export type AgencyName = (typeof AGENCY_NAMES)[number];

/** The six factors of the compte professionnel de prévention since 2017, as the Caisse des Dépôts names them. */
export const C2P_FACTORS = [
  'TRAVAIL_DE_NUIT',
  'TRAVAIL_EN_EQUIPES_ALTERNANTES',
  'TRAVAIL_REPETITIF',
  'MILIEU_HYPERBARE',
  'TEMPERATURES_EXTREMES',
  'BRUIT',
] as const;
export type C2pFactor = (typeof C2P_FACTORS)[number];
