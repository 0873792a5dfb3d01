import type { AgencyName } from './errors.ts';

/** The `Agency` enum value of each agency system, as the public schema names them. */
export const AGENCY_ENUM = {
  cpf: 'CPF',
  rgcu: 'RGCU',
  caf: 'CAF',
  'france-travail': 'FRANCE_TRAVAIL',
} as const satisfies Record<AgencyName, string>;

export type AgencyEnum = (typeof AGENCY_ENUM)[AgencyName];

/** How user-facing messages name each agency. */
export const AGENCY_LABEL: Readonly<Record<AgencyName, string>> = {
  cpf: 'the Caisse des Dépôts',
  rgcu: 'the CNAV career register',
  caf: 'the CAF',
  'france-travail': 'France Travail',
};
