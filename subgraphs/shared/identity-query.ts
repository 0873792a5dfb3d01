import type { Pivot } from '../../contract/pivot.ts';
import { FRANCE } from '../../contract/pivot.ts';

/** The identity as agencies take it (API Particulier v3 `/identite` parameters, as JSON). */
export interface IdentiteQuery {
  nomNaissance: string;
  prenoms: string[];
  anneeDateNaissance: number;
  moisDateNaissance: number;
  jourDateNaissance: number;
  sexeEtatCivil: 'M' | 'F';
  codeCogInseeCommuneNaissance?: string;
  codeCogInseePaysNaissance: string;
}

export function identiteQueryOf(pivot: Pivot): IdentiteQuery {
  const [year, month, day] = pivot.birthdate.split('-').map(Number) as [number, number, number];
  const query: IdentiteQuery = {
    nomNaissance: pivot.family_name,
    prenoms: pivot.given_name.split(' ').filter(Boolean),
    anneeDateNaissance: year,
    moisDateNaissance: month,
    jourDateNaissance: day,
    sexeEtatCivil: pivot.gender === 'male' ? 'M' : 'F',
    codeCogInseePaysNaissance: pivot.birthcountry,
  };
  // Agencies want the commune only for people born in France.
  if (pivot.birthcountry === FRANCE) query.codeCogInseeCommuneNaissance = pivot.birthplace;
  return query;
}

/** One key per identity, so a request asking twice for one person makes one lookup. */
export function pivotKey(pivot: Pivot): string {
  return [pivot.family_name, pivot.given_name, pivot.birthdate, pivot.gender, pivot.birthplace, pivot.birthcountry].join(
    '\u001f',
  );
}
