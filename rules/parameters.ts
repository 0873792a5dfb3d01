/**
 * Every legal rule the platform computes with, as dated and sourced parameters, in the
 * manner of OpenFisca's parameters: a rule changes by adding a dated value here, not code.
 * Amounts are in euro cents, like the API.
 */

export interface ParameterValue<T> {
  /** First day the value applies, YYYY-MM-DD. */
  from: string;
  value: T;
  /**
   * The legal text that sets it, or the platform decision when no text does; in French, since
   * the simulators' explanations show it to the citizen as it is.
   */
  reference: string;
}

/** Values of one parameter, oldest first. */
export type Parameter<T> = readonly ParameterValue<T>[];

/** The entry in force on a date (YYYY-MM-DD): its value, first day and reference; throws when the date precedes every value. */
export function entryOn<T>(parameter: Parameter<T>, date: string): ParameterValue<T> {
  let current: ParameterValue<T> | undefined;
  for (const entry of parameter) if (entry.from <= date) current = entry;
  if (!current) throw new RangeError(`no parameter value in force on ${date}`);
  return current;
}

/** The value in force on a date (YYYY-MM-DD), or throws when the date precedes every value. */
export function valueOn<T>(parameter: Parameter<T>, date: string): T {
  return entryOn(parameter, date).value;
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

/**
 * How the prime d'activité's flat amount grows with the household, as a share of a single
 * person's: the screening ceiling grows alike, since the prime falls to nothing at earnings
 * proportional to it.
 */
export interface PpaHouseholdMajorations {
  /** The second person of the household (spouse, partner or first dependant). */
  secondPerson: number;
  /** Each further dependant… */
  furtherPerson: number;
  /** …or, when there are more than two children, each child from the third on. */
  furtherChildFromThird: number;
  /** An isolated parent gets instead this share for themselves… */
  isolatedParent: number;
  /** …and this share for each child… */
  isolatedParentPerChild: number;
  /** …while the youngest child is under this age. */
  isolatedParentUntilChildAge: number;
}

/** A legal retirement age, or the quarters for the full rate, by generation (date of birth). */
export type ByGeneration<T> = ReadonlyArray<{ bornFrom: string; value: T }>;

/** The rules a pension estimate applies, beyond the person's own figures. */
export interface PensionRules {
  /** Age at which the full rate applies whatever the quarters. */
  fullRateAge: { years: number; months: number };
  /** Reduction of the pension per quarter missing for the full rate (décote)… */
  reductionPerQuarter: number;
  /** …counted on at most this many quarters. */
  maxReductionQuarters: number;
  /** Increase per quarter worked beyond the quarters required, after the legal age (surcote). */
  increasePerQuarter: number;
}

/** The monthly update (actualisation) bounds: what a month can hold, so that a typing slip is caught before it is sent. */
export interface MonthlyUpdateBounds {
  /** Most hours that can be worked in a month: 48 hours a week over a 31-day month. */
  maxHours: number;
  /** Most gross pay declared for a month, in cents. */
  maxGrossPay: number;
}

/** How long a citizen's consent to a third party may last, in calendar months. */
export interface ConsentDuration {
  maxMonths: number;
}

const PLATFORM_RULE = 'Compte des comptes : règle de la plateforme, sans texte légal';

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
        reference: 'Code du travail, art. L4163-7 et R4163-13, dans leur rédaction issue de la réforme des retraites de 2023 (1er septembre 2023)',
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
        reference: 'Code du travail, art. L6323-11, R6323-1 et R6323-3-1 (décret n° 2018-1329 du 28 décembre 2018)',
      },
    ] satisfies Parameter<CpfCreditScale>,
    /** Month and day (MM-DD) of the yearly credit, when the account was never credited. */
    creditDay: [
      {
        from: '2019-01-01',
        value: '04-15',
        reference: 'Pratique de la Caisse des Dépôts : le travail de l’année N est crédité en avril de l’année N+1 (aucune date légale)',
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
          "Code de la sécurité sociale, art. L842-1 (18 ans, revenus d’activité) et L842-3 ; la CAF publie un plafond d’environ 1,5 SMIC pour une personne seule",
      },
    ] satisfies Parameter<PpaScreening>,
    householdMajorations: [
      {
        from: '2016-01-01',
        value: {
          secondPerson: 0.5,
          furtherPerson: 0.3,
          furtherChildFromThird: 0.4,
          isolatedParent: 1.28412,
          isolatedParentPerChild: 0.42804,
          isolatedParentUntilChildAge: 3,
        },
        reference:
          'Code de la sécurité sociale, art. D843-1 (décret n° 2015-1710 du 21 décembre 2015) et, pour le parent isolé, art. L842-7 (jusqu’aux 3 ans du plus jeune enfant)',
      },
    ] satisfies Parameter<PpaHouseholdMajorations>,
  },
  retirement: {
    legalAge: [
      {
        from: '2023-09-01',
        value: [
          { bornFrom: '1955-01-01', value: { years: 62, months: 0 } },
          { bornFrom: '1961-09-01', value: { years: 62, months: 3 } },
          { bornFrom: '1962-01-01', value: { years: 62, months: 6 } },
          { bornFrom: '1963-01-01', value: { years: 62, months: 9 } },
          { bornFrom: '1964-01-01', value: { years: 63, months: 0 } },
          { bornFrom: '1965-01-01', value: { years: 63, months: 3 } },
          { bornFrom: '1966-01-01', value: { years: 63, months: 6 } },
          { bornFrom: '1967-01-01', value: { years: 63, months: 9 } },
          { bornFrom: '1968-01-01', value: { years: 64, months: 0 } },
        ],
        reference: 'Code de la sécurité sociale, art. L161-17-2, modifié par la loi n° 2023-270 du 14 avril 2023 (art. 10)',
      },
    ] satisfies Parameter<ByGeneration<{ years: number; months: number }>>,
    requiredQuarters: [
      {
        from: '2023-09-01',
        value: [
          { bornFrom: '1958-01-01', value: 167 },
          { bornFrom: '1961-01-01', value: 168 },
          { bornFrom: '1961-09-01', value: 169 },
          { bornFrom: '1963-01-01', value: 170 },
          { bornFrom: '1964-01-01', value: 171 },
          { bornFrom: '1965-01-01', value: 172 },
        ],
        reference: 'Code de la sécurité sociale, art. L161-17-3, modifié par la loi n° 2023-270 du 14 avril 2023 (art. 10)',
      },
    ] satisfies Parameter<ByGeneration<number>>,
    pension: [
      {
        from: '2023-09-01',
        value: { fullRateAge: { years: 67, months: 0 }, reductionPerQuarter: 0.0125, maxReductionQuarters: 20, increasePerQuarter: 0.0125 },
        reference:
          'Code de la sécurité sociale, art. L351-8 (taux plein à 67 ans), R351-27 (décote de 0,625 point du taux de 50 % par trimestre, soit 1,25 % de la pension, 20 trimestres au plus) et L351-1-2 avec D351-1-4 (surcote de 1,25 % par trimestre)',
      },
    ] satisfies Parameter<PensionRules>,
  },
  employment: {
    monthlyUpdateBounds: [
      {
        from: '2025-01-01',
        value: { maxHours: 213, maxGrossPay: 15_700_00 },
        reference:
          'Code du travail, art. L3121-20 (48 heures par semaine au plus : 213 heures sur un mois de 31 jours) ; salaire brut jusqu’à 4 fois le plafond mensuel de la sécurité sociale (3 925 € en 2025, arrêté du 19 décembre 2024), la limite des salaires de l’assurance chômage (règlement d’assurance chômage, art. 11)',
      },
      {
        from: '2026-01-01',
        value: { maxHours: 213, maxGrossPay: 16_020_00 },
        reference:
          'Code du travail, art. L3121-20 (48 heures par semaine au plus : 213 heures sur un mois de 31 jours) ; salaire brut jusqu’à 4 fois le plafond mensuel de la sécurité sociale (4 005 € en 2026, arrêté du 22 décembre 2025), la limite des salaires de l’assurance chômage (règlement d’assurance chômage, art. 11)',
      },
    ] satisfies Parameter<MonthlyUpdateBounds>,
  },
  consent: {
    duration: [
      {
        from: '2024-01-01',
        value: { maxMonths: 12 },
        reference: 'Compte des comptes : règle de la plateforme, d’après l’artefact de consentement Account Aggregator (un an au plus), sans texte légal',
      },
    ] satisfies Parameter<ConsentDuration>,
  },
  alerts: {
    thresholds: [
      { from: '2026-01-01', value: { benefitEndingWithinDays: 90, monthlyUpdateUrgentWithinDays: 3 }, reference: PLATFORM_RULE },
    ] satisfies Parameter<AlertThresholds>,
  },
} as const;

/** The value of a by-generation scale for someone born on `birthdate` (the first generation's before it). */
export function forGeneration<T>(scale: ByGeneration<T>, birthdate: string): T {
  let current = scale[0]!.value;
  for (const step of scale) if (step.bornFrom <= birthdate) current = step.value;
  return current;
}

/** Points of a C2P holder born in `birthYear` that can only go to training. */
export function c2pReserveFor(birthYear: number, date: string): number {
  const reserve = valueOn(parameters.c2p.reservedForTraining, date);
  if (birthYear < 1960) return reserve.bornBefore1960;
  if (birthYear <= 1962) return reserve.born1960To1962;
  return reserve.bornFrom1963;
}
