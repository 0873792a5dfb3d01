import { FRANCE, type Pivot } from '../../contract/pivot.ts';

/**
 * The identity as the agencies take it: API Particulier v3 `/identite` parameters, here as
 * JSON (the batch body) — the query string carries the same names.
 */
export interface Identite {
  nomNaissance: string;
  prenoms: string[];
  anneeDateNaissance: number;
  moisDateNaissance: number;
  jourDateNaissance: number;
  sexeEtatCivil: 'M' | 'F';
  /** Present only for people born in France. */
  codeCogInseeCommuneNaissance?: string;
  codeCogInseePaysNaissance: string;
}

export function identiteFromPivot(pivot: Pivot): Identite {
  const identite: Identite = {
    nomNaissance: pivot.family_name,
    prenoms: pivot.given_name.split(' ').filter((name) => name !== ''),
    anneeDateNaissance: Number(pivot.birthdate.slice(0, 4)),
    moisDateNaissance: Number(pivot.birthdate.slice(5, 7)),
    jourDateNaissance: Number(pivot.birthdate.slice(8, 10)),
    sexeEtatCivil: pivot.gender === 'male' ? 'M' : 'F',
    codeCogInseePaysNaissance: pivot.birthcountry,
  };
  if (pivot.birthcountry === FRANCE) identite.codeCogInseeCommuneNaissance = pivot.birthplace;
  return identite;
}

/** The query string of a single lookup (`prenoms[]` repeated, in order). */
export function identiteSearchParams(identite: Identite): URLSearchParams {
  const params = new URLSearchParams();
  params.append('nomNaissance', identite.nomNaissance);
  for (const prenom of identite.prenoms) params.append('prenoms[]', prenom);
  params.append('anneeDateNaissance', String(identite.anneeDateNaissance));
  params.append('moisDateNaissance', String(identite.moisDateNaissance));
  params.append('jourDateNaissance', String(identite.jourDateNaissance));
  params.append('sexeEtatCivil', identite.sexeEtatCivil);
  if (identite.codeCogInseeCommuneNaissance !== undefined) {
    params.append('codeCogInseeCommuneNaissance', identite.codeCogInseeCommuneNaissance);
  }
  params.append('codeCogInseePaysNaissance', identite.codeCogInseePaysNaissance);
  return params;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPACES = /\s+/g;

/** Upper case, no accents, single spaces: how the agencies compare names. */
export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(COMBINING_MARKS, '').toUpperCase().replace(SPACES, ' ').trim();
}

/** The index key of an identity: every matching field, normalised, in a fixed order. */
export function identiteKey(identite: Identite): string {
  return [
    normaliseName(identite.nomNaissance),
    normaliseName(identite.prenoms.join(' ')),
    identite.anneeDateNaissance,
    identite.moisDateNaissance,
    identite.jourDateNaissance,
    identite.sexeEtatCivil,
    identite.codeCogInseeCommuneNaissance ?? '',
    identite.codeCogInseePaysNaissance,
  ].join('|');
}

export function pivotKey(pivot: Pivot): string {
  return identiteKey(identiteFromPivot(pivot));
}
