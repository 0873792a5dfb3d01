import { digitsOf } from '../arithmetic.ts';

/**
 * The rules and scales the mock agencies apply. Simplified, but with the real orders of
 * magnitude; amounts in euros, durations in the unit their name says.
 */

// --- CPF, C2P, CEC (Caisse des Dépôts) ---

/** Credit per year of activity and balance cap, in euros (Code du travail, R6323-1 and R6323-3-1). */
export const CPF_STANDARD = { annualCredit: 500, cap: 5_000 } as const;
/** For employees without a level 3 (CAP, BEP) qualification. */
export const CPF_LOW_QUALIFIED = { annualCredit: 800, cap: 8_000 } as const;
/** The mock credits every year of activity from the CPF's creation, in euros from the start. */
export const CPF_FIRST_CREDITED_YEAR = 2015;
/** Year N is credited in April of year N+1 (MM-DD). */
export const CPF_CREDIT_MONTH_DAY = '04-15';
/** Days of activity in a year that earn the full credit (half a year); fewer earn it pro rata. */
export const CPF_FULL_CREDIT_DAYS = 183;

/** Points per year of exposure to one factor; two factors or more earn twice as many. */
export const C2P_POINTS_PER_FACTOR_YEAR = 4;
export const C2P_MAX_POINTS = 100;
export const C2P_FIRST_YEAR = 2015;
// The six factors of the compte professionnel de prévention, as the Caisse des Dépôts names them.
export { C2P_FACTORS, type C2pFactor } from '../../../contract/agencies.ts';

/** Compte d'engagement citoyen: euros per year of engagement, and the cap. */
export const CEC_CREDIT_PER_ENGAGEMENT = 240;
export const CEC_CAP = 720;

// --- Retirement (CNAV, Agirc-Arrco, public service) ---

export interface AgeInYears {
  annees: number;
  mois: number;
}

/** Legal retirement age by date of birth (2010 and 2023 reforms). */
export function legalRetirementAge(birthdate: string): AgeInYears {
  const year = digitsOf(birthdate.slice(0, 4));
  const month = digitsOf(birthdate.slice(5, 7));
  if (year < 1951 || (year === 1951 && month < 7)) return { annees: 60, mois: 0 };
  if (year === 1951) return { annees: 60, mois: 4 };
  if (year === 1952) return { annees: 60, mois: 9 };
  if (year === 1953) return { annees: 61, mois: 2 };
  if (year === 1954) return { annees: 61, mois: 7 };
  if (year < 1961 || (year === 1961 && month < 9)) return { annees: 62, mois: 0 };
  if (year === 1961) return { annees: 62, mois: 3 };
  if (year === 1962) return { annees: 62, mois: 6 };
  if (year === 1963) return { annees: 62, mois: 9 };
  if (year === 1964) return { annees: 63, mois: 0 };
  if (year === 1965) return { annees: 63, mois: 3 };
  if (year === 1966) return { annees: 63, mois: 6 };
  if (year === 1967) return { annees: 63, mois: 9 };
  return { annees: 64, mois: 0 };
}

/** Quarters needed for the full rate, by date of birth. */
export function requiredQuarters(birthdate: string): number {
  const year = digitsOf(birthdate.slice(0, 4));
  const month = digitsOf(birthdate.slice(5, 7));
  if (year <= 1948) return 160;
  if (year <= 1952) return 161 + (year - 1949);
  if (year <= 1954) return 165;
  if (year <= 1957) return 166;
  if (year <= 1960) return 167;
  if (year === 1961) return month < 9 ? 168 : 169;
  if (year === 1962) return 169;
  if (year === 1963) return 170;
  if (year === 1964) return 171;
  return 172;
}

/** Age at which the full rate applies whatever the quarters. */
export const FULL_RATE_AGE: AgeInYears = { annees: 67, mois: 0 };
/** Chosen ages the estimation answers for. */
export const ESTIMATION_MIN_AGE = 62;
export const ESTIMATION_MAX_AGE = 70;
/** The register gives an estimation from this age. */
export const ESTIMATION_FROM_AGE = 55;
/** Plafond annuel de la sécurité sociale 2025, in euros: earnings above it count for no basic pension. */
export const PASS = 47_100;
/** Basic pension: best years averaged, and the full rate. */
export const BEST_YEARS = 25;
export const FULL_RATE = 0.5;
/** Reduction (décote) or increase (surcote) per quarter missing or beyond, as a fraction of the pension. */
export const RATE_STEP_PER_QUARTER = 0.0125;
export const MAX_DECOTE_QUARTERS = 20;
/** Public service pension: share of the last salary for a full career. */
export const PUBLIC_SERVICE_RATE = 0.75;
/** Agirc-Arrco 2025: contribution rates that earn points (up to one PASS, then above), point price and value in euros. */
export const AGIRC_ARRCO = { rateUpToPass: 0.062, rateAbovePass: 0.17, pointPrice: 20.1877, pointValue: 1.4386 } as const;

// --- CAF ---

/** Allocations familiales per month by number of children under 20 (2 and more), in euros. */
export function allocationsFamiliales(children: number): number {
  if (children < 2) return 0;
  if (children === 2) return 151.05;
  return 344.59 + (children - 3) * 193.53;
}
/** Allocation de soutien familial per child and month, in euros. */
export const ASF_PER_CHILD = 199.19;
/** RSA for a single person without resources, per month, in euros. */
export const RSA_BASE = 646.52;
/** Allocation aux adultes handicapés at the full rate, per month, in euros. */
export const AAH_FULL = 1_033.32;
/** RSA majoré (isolated parent): the RSA base times these shares, for the parent and each child. */
export const RSA_MAJORE_SHARES = { parent: 1.28412, child: 0.42804 } as const;
/** RSA: the single person's base, plus these shares for a partner and each child. */
export const RSA_HOUSEHOLD_SHARES = { partner: 0.5, child: 0.3 } as const;
/** Share of earned income the RSA deducts (the rest is kept, as the prime d'activité intends). */
export const RSA_EARNINGS_DEDUCTED = 0.62;
/** RSA majoré (isolated parent) is paid until the youngest child is 3. */
export const RSA_MAJORE_UNTIL_AGE = 3;
/** Family allowances count children until they are 20. */
export const CHILD_UNTIL_AGE = 20;

// --- France Travail ---

/** ARE maximum duration in days by age at the end of the contract (2023 rules). */
export function areMaxDays(ageAtEnd: number): number {
  if (ageAtEnd >= 57) return 822;
  if (ageAtEnd >= 55) return 685;
  return 548;
}
/** ARE: minimum gross daily amount, and the share of the reference daily wage paid. */
export const ARE_MIN_DAILY = 31.97;
export const ARE_SHARE_OF_DAILY_WAGE = 0.57;
/** Allocation de solidarité spécifique, gross per day, in euros. */
export const ASS_DAILY = 19.18;
/** The monthly update of month M opens on day 28 of M and closes on day 15 of M+1. */
export const ACTUALISATION_OPENS_DAY = 28;
/** The most a month's declaration can hold: 48 hours a week over 31 days, and 4 monthly social security ceilings (2026) of gross pay, in euros. */
export const ACTUALISATION_MAX_HOURS = 213;
export const ACTUALISATION_MAX_GROSS_PAY = 16_020;
export const ACTUALISATION_CLOSES_DAY = 15;
/** Allowances for month M are paid on this day of M+1; CAF benefits on the 5th. */
export const FRANCE_TRAVAIL_PAYMENT_DAY = 3;
export const CAF_PAYMENT_DAY = 5;
