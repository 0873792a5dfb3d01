/**
 * Every legal rule the platform computes with, as dated and sourced parameters, in the
 * manner of OpenFisca's parameters: a rule changes by adding a dated value here, not code.
 * Amounts are in euro cents, like the API.
 */

export interface ParameterValue<T> {
  /** First day the value applies, YYYY-MM-DD. */
  from: string;
  value: T;
  /** The legal text that sets it, or the platform decision when no text does. */
  reference: string;
}

/** Values of one parameter, oldest first. */
export type Parameter<T> = readonly ParameterValue<T>[];

/** The value in force on a date (YYYY-MM-DD), or throws when the date precedes every value. */
export function valueOn<T>(parameter: Parameter<T>, date: string): T {
  let current: ParameterValue<T> | undefined;
  for (const entry of parameter) if (entry.from <= date) current = entry;
  if (!current) throw new RangeError(`no parameter value in force on ${date}`);
  return current.value;
}

/** C2P points reserved for training, by the holder's birth year. */
export interface C2pReserve {
  bornBefore1960: number;
  born1960To1962: number;
  bornFrom1963: number;
}

/** What C2P points buy. */
export interface C2pConversion {
  /** Training paid per point. */
  trainingCentsPerPoint: number;
  /** Points for one quarter of retirement insurance. */
  pointsPerRetirementQuarter: number;
  /** Retirement quarters a career can get from the C2P. */
  maxRetirementQuarters: number;
  /** Points for one block of half-time work at full pay… */
  pointsPerPartTimeBlock: number;
  /** …and the months one block lasts. */
  partTimeMonthsPerBlock: number;
}

/** CPF yearly credit and cap, standard and for workers without a level-3 qualification. */
export interface CpfCreditScale {
  standard: { yearlyCredit: number; cap: number };
  lowQualified: { yearlyCredit: number; cap: number };
}

/** Platform rules deciding when an alert is raised (not set by law). */
export interface AlertThresholds {
  /** A benefit or allowance whose right ends within this many days is "ending soon". */
  benefitEndingWithinDays: number;
  /** A monthly update with this many days left or fewer is urgent. */
  monthlyUpdateUrgentWithinDays: number;
}

/** A first screening of the prime d'activité; the CAF alone decides the right. */
export interface PpaScreening {
  minimumAge: number;
  /** Monthly activity earnings under which a single person without children is likely eligible, in SMIC. */
  earningsCeilingInSmic: number;
}

const PLATFORM_RULE = 'Compte des comptes: platform rule (issue 4), not a legal text';

export const parameters = {
  c2p: {
    reservedForTraining: [
      {
        from: '2015-01-01',
        value: { bornBefore1960: 0, born1960To1962: 10, bornFrom1963: 20 },
        reference: 'Code du travail, art. R4163-11',
      },
    ] satisfies Parameter<C2pReserve>,
    conversion: [
      {
        from: '2023-09-01',
        value: {
          trainingCentsPerPoint: 500_00,
          pointsPerRetirementQuarter: 10,
          maxRetirementQuarters: 8,
          pointsPerPartTimeBlock: 10,
          partTimeMonthsPerBlock: 4,
        },
        reference: 'Code du travail, art. L4163-7 and R4163-13, as in force from 1 September 2023 (pension reform of 2023)',
      },
    ] satisfies Parameter<C2pConversion>,
  },
  cpf: {
    credit: [
      {
        from: '2019-01-01',
        value: {
          standard: { yearlyCredit: 500_00, cap: 5_000_00 },
          lowQualified: { yearlyCredit: 800_00, cap: 8_000_00 },
        },
        reference: 'Code du travail, art. L6323-11, R6323-1 and R6323-3-1 (décret n° 2018-1329 du 28 décembre 2018)',
      },
    ] satisfies Parameter<CpfCreditScale>,
    /** Month and day (MM-DD) of the yearly credit, when the account was never credited. */
    creditDay: [
      {
        from: '2019-01-01',
        value: '04-15',
        reference: 'Caisse des Dépôts practice: the work of year N is credited in April of year N+1 (no legal date)',
      },
    ] satisfies Parameter<string>,
  },
  smic: {
    monthlyGross: [
      {
        from: '2024-11-01',
        value: 1_801_80,
        reference: 'Décret n° 2024-951 du 23 octobre 2024 portant relèvement du salaire minimum de croissance (11,88 € × 151,67 h)',
      },
    ] satisfies Parameter<number>,
  },
  ppa: {
    screening: [
      {
        from: '2016-01-01',
        value: { minimumAge: 18, earningsCeilingInSmic: 1.5 },
        reference:
          "Code de la sécurité sociale, art. L842-1 (18 ans, revenus d'activité) and L842-3; the CAF publishes about 1.5 SMIC as the ceiling for a single person",
      },
    ] satisfies Parameter<PpaScreening>,
  },
  alerts: {
    thresholds: [
      { from: '2026-01-01', value: { benefitEndingWithinDays: 90, monthlyUpdateUrgentWithinDays: 3 }, reference: PLATFORM_RULE },
    ] satisfies Parameter<AlertThresholds>,
  },
} as const;

/** Points of a C2P holder born in `birthYear` that can only go to training. */
export function c2pReserveFor(birthYear: number, date: string): number {
  const reserve = valueOn(parameters.c2p.reservedForTraining, date);
  if (birthYear < 1960) return reserve.bornBefore1960;
  if (birthYear <= 1962) return reserve.born1960To1962;
  return reserve.bornFrom1963;
}
