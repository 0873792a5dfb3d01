import { identiteFromPivot, type Identite } from '../../contract/identite.ts';
import type { Pivot } from '../../contract/pivot.ts';

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
