import { FRANCE, type Pivot } from './pivot.ts';

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
