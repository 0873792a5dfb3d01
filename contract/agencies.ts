/** The agency systems the platform reads, by the name every part of it uses for them. */
export const AGENCY_NAMES = ['cpf', 'rgcu', 'caf', 'france-travail'] as const;

export type AgencyName = (typeof AGENCY_NAMES)[number];
