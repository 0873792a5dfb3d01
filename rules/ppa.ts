import { parameters, valueOn, type PpaHouseholdMajorations } from './parameters.ts';

/** The household as the CAF knows it: the adults of the file and the children's birth dates. */
export interface Household {
  adults: number;
  childrenBirthDates: readonly string[];
}

export interface PpaScreeningInput {
  birthdate: string;
  today: string;
  /** True while the person has an ongoing job in the career register. */
  working: boolean;
  /** Activity earnings of the last complete calendar year, in cents; null when none are recorded. */
  lastYearEarnings: number | null;
  /** True when the CAF pays the prime d'activité now. */
  receiving: boolean;
  /** The household the CAF knows; null when the CAF has no file, so a person alone is assumed. */
  household: Household | null;
}

export interface PpaScreening {
  likelyEligible: boolean;
  /** Average monthly earnings of the last complete year, in cents. */
  monthlyEarnings: number;
  /** The screening ceiling for this household, in cents per month. */
  monthlyCeiling: number;
  /** How the household raised the ceiling: 1 for a person alone. */
  householdFactor: number;
  /** True when the isolated parent's majoration applied. */
  isolatedParent: boolean;
}

/**
 * A first screening of the prime d'activité for someone who does not receive it: an adult at
 * work whose earnings stay under the ceiling of their household. The ceiling of a person alone
 * grows with the household as the prime's flat amount does (same majorations), since the prime
 * falls to nothing at earnings in proportion to that amount. It can only say "likely".
 */
export function screenPrimeActivite(input: PpaScreeningInput): PpaScreening {
  const rule = valueOn(parameters.ppa.screening, input.today);
  const smic = valueOn(parameters.smic.monthlyGross, input.today);
  const { factor, isolatedParent } = householdFactor(input.household, valueOn(parameters.ppa.householdMajorations, input.today), input.today);
  const monthlyCeiling = Math.round(smic * rule.earningsCeilingInSmic * factor);
  const monthlyEarnings = Math.round((input.lastYearEarnings ?? 0) / 12);
  const likelyEligible =
    !input.receiving &&
    input.working &&
    ageOn(input.birthdate, input.today) >= rule.minimumAge &&
    monthlyEarnings > 0 &&
    monthlyEarnings <= monthlyCeiling;
  return { likelyEligible, monthlyEarnings, monthlyCeiling, householdFactor: factor, isolatedParent };
}

/**
 * The household's flat amount as a share of a person alone's (Code de la sécurité sociale,
 * D843-1): +50 % for the second person, +30 % for each further one, +40 % for each child from
 * the third; an isolated parent of a young child gets instead the isolated parent's shares.
 */
export function householdFactor(household: Household | null, shares: PpaHouseholdMajorations, today: string): { factor: number; isolatedParent: boolean } {
  if (household === null) return { factor: 1, isolatedParent: false };
  const children = household.childrenBirthDates.length;
  const youngest = household.childrenBirthDates.reduce((latest, date) => (date > latest ? date : latest), '');
  if (household.adults === 1 && children > 0 && ageOn(youngest, today) < shares.isolatedParentUntilChildAge) {
    return { factor: round(shares.isolatedParent + shares.isolatedParentPerChild * children), isolatedParent: true };
  }
  let factor = 1;
  const persons = household.adults + children;
  for (let person = 2; person <= persons; person++) {
    const childNumber = person - household.adults;
    if (person === 2) factor += shares.secondPerson;
    else factor += children > 2 && childNumber >= 3 ? shares.furtherChildFromThird : shares.furtherPerson;
  }
  return { factor: round(factor), isolatedParent: false };
}

/** Shares are legal percentages with three decimals at most: keep sums exact. */
function round(share: number): number {
  return Math.round(share * 100_000) / 100_000;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthdate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthdate.slice(0, 4));
  return today.slice(5) < birthdate.slice(5) ? years - 1 : years;
}
