import { parameters, valueOn } from './parameters.ts';

export interface PpaScreeningInput {
  birthdate: string;
  today: string;
  /** True while the person has an ongoing job in the career register. */
  working: boolean;
  /** Activity earnings of the last complete calendar year, in cents; null when none are recorded. */
  lastYearEarnings: number | null;
  /** True when the CAF pays the prime d'activité now. */
  receiving: boolean;
}

export interface PpaScreening {
  likelyEligible: boolean;
  /** Average monthly earnings of the last complete year, in cents. */
  monthlyEarnings: number;
  /** The screening ceiling, in cents per month. */
  monthlyCeiling: number;
}

/**
 * A first screening of the prime d'activité for someone who does not receive it: an adult at
 * work whose earnings stay under the ceiling of a single person without children. It ignores
 * the household (a couple or children raise the ceiling), so it can only say "likely".
 */
export function screenPrimeActivite(input: PpaScreeningInput): PpaScreening {
  const rule = valueOn(parameters.ppa.screening, input.today);
  const smic = valueOn(parameters.smic.monthlyGross, input.today);
  const monthlyCeiling = Math.round(smic * rule.earningsCeilingInSmic);
  const monthlyEarnings = Math.round((input.lastYearEarnings ?? 0) / 12);
  const likelyEligible =
    !input.receiving &&
    input.working &&
    ageOn(input.birthdate, input.today) >= rule.minimumAge &&
    monthlyEarnings > 0 &&
    monthlyEarnings <= monthlyCeiling;
  return { likelyEligible, monthlyEarnings, monthlyCeiling };
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthdate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthdate.slice(0, 4));
  return today.slice(5) < birthdate.slice(5) ? years - 1 : years;
}
