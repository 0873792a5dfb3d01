import { max, min, pow, round } from './arithmetic.ts';
import { daysInYear, toDay, yearOf, yearOfDay, yearStartDay } from './dates.ts';

/** Basic schemes, which validate quarters; Agirc-Arrco is derived from private employment. */
export type BasicRegime = 'REGIME_GENERAL' | 'MSA_SALARIES' | 'SSI' | 'FONCTION_PUBLIQUE';
export type Regime = BasicRegime | 'AGIRC_ARRCO';
export type Nature = 'EMPLOI' | 'CHOMAGE' | 'MALADIE' | 'MATERNITE' | 'SERVICE_CIVIQUE';

/** Order of schemes within one year, basic schemes first. */
export const REGIME_ORDER: readonly Regime[] = ['REGIME_GENERAL', 'MSA_SALARIES', 'SSI', 'FONCTION_PUBLIQUE', 'AGIRC_ARRCO'];

export function regimeRank(regime: Regime): number {
  return REGIME_ORDER.indexOf(regime);
}

/** Schemes whose salaried employment also earns Agirc-Arrco points. */
export const PRIVATE_SALARIED: ReadonlySet<BasicRegime> = new Set(['REGIME_GENERAL', 'MSA_SALARIES']);

/**
 * One stretch of a person's working life under one scheme: a job, a spell of paid
 * unemployment, a civic service… The agencies' views (career periods, CPF credits, C2P) are
 * all derived from these.
 */
export interface CareerSegment {
  regime: BasicRegime;
  nature: Nature;
  employeur: string | null;
  /** YYYY-MM-DD */
  debut: string;
  /** YYYY-MM-DD, or null while it goes on. */
  fin: string | null;
  /** Gross earnings of a full year at the start of the segment, in euros; 0 when the nature earns none. */
  salaireAnnuel: number;
  /** Yearly raise as a fraction (0.02 is 2 % a year). */
  progression: number;
}

/** The part of one segment that falls in one calendar year. */
export interface YearPart {
  segment: CareerSegment;
  /** First and last day covered, as days since 1970-01-01. */
  first: number;
  last: number;
  days: number;
  /** True when the segment goes on past today (only in today's year). */
  ongoing: boolean;
  /** Gross earnings of this part in euros (0 unless the nature is EMPLOI). */
  earnings: number;
}

/** Everything one scheme recorded in one calendar year. */
export interface YearSlice {
  year: number;
  regime: BasicRegime;
  parts: YearPart[];
}

/**
 * Cuts a career into calendar years and schemes, up to `today` (later days do not exist yet).
 * Sorted by year, then scheme.
 */
export function sliceByYear(career: readonly CareerSegment[], today: string): YearSlice[] {
  const todayDay = toDay(today);
  const slices = new Map<number, YearSlice>();
  for (const segment of career) {
    const start = toDay(segment.debut);
    if (start > todayDay) continue;
    const endDay = segment.fin === null ? todayDay : toDay(segment.fin);
    const ongoing = segment.fin === null || endDay > todayDay;
    const end = min(endDay, todayDay);
    const startYear = yearOf(segment.debut);
    const endYear = yearOfDay(end);
    const rank = regimeRank(segment.regime);
    let yearStart = yearStartDay(startYear);
    for (let year = startYear; year <= endYear; year++) {
      const yearLength = daysInYear(year);
      const first = max(start, yearStart);
      const last = min(end, yearStart + yearLength - 1);
      yearStart += yearLength;
      if (first > last) continue;
      const days = last - first + 1;
      const earnings =
        segment.nature === 'EMPLOI'
          ? round(segment.salaireAnnuel * pow(1 + segment.progression, year - startYear) * (days / yearLength))
          : 0;
      const key = year * REGIME_ORDER.length + rank;
      let slice = slices.get(key);
      if (slice === undefined) {
        slice = { year, regime: segment.regime, parts: [] };
        slices.set(key, slice);
      }
      slice.parts.push({ segment, first, last, days, ongoing: ongoing && last === todayDay, earnings });
    }
  }
  return [...slices.values()].sort((a, b) => a.year - b.year || regimeRank(a.regime) - regimeRank(b.regime));
}

/** Days of employment (any scheme) per calendar year, for the CPF credits and the C2P. */
export function employmentDaysByYear(
  slices: readonly YearSlice[],
  regimes?: ReadonlySet<BasicRegime>,
): Map<number, number> {
  const days = new Map<number, number>();
  for (const slice of slices) {
    if (regimes !== undefined && !regimes.has(slice.regime)) continue;
    for (const part of slice.parts) {
      if (part.segment.nature === 'EMPLOI') days.set(slice.year, (days.get(slice.year) ?? 0) + part.days);
    }
  }
  return days;
}
