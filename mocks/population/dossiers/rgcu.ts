import { ceil, floor, max, min } from '../arithmetic.ts';
import {
  PRIVATE_SALARIED,
  regimeRank,
  type BasicRegime,
  type Nature,
  type Regime,
  type YearPart,
  type YearSlice,
} from '../career.ts';
import { addMonths, ageOn, compareIso, daysInYear, firstOfNextMonth, fromDay, toDay, yearOf, yearStartDay } from '../dates.ts';
import { euros } from '../money.ts';
import { REGIME_LABELS } from '../referential/labels.ts';
import {
  AGIRC_ARRCO,
  BEST_YEARS,
  ESTIMATION_FROM_AGE,
  ESTIMATION_MAX_AGE,
  ESTIMATION_MIN_AGE,
  FULL_RATE,
  FULL_RATE_AGE,
  MAX_DECOTE_QUARTERS,
  PASS,
  PUBLIC_SERVICE_RATE,
  RATE_STEP_PER_QUARTER,
  legalRetirementAge,
  requiredQuarters,
  type AgeInYears,
} from '../referential/rules.ts';

export interface Periode {
  regime: Regime;
  libelle_regime: string;
  nature: Nature;
  employeur: string | null;
  date_debut: string;
  date_fin: string | null;
  trimestres_valides: number;
  revenus_annuels_euros: number | null;
}

export interface Estimation {
  age_depart_annees: number;
  age_depart_mois: number;
  date_depart: string;
  montant_mensuel_brut_euros: number;
  taux_plein: boolean;
  /** Quarters counted at the departure date, all schemes, the ongoing activity projected until then. */
  trimestres_au_depart: number;
  /** Quarters of décote (missing for the full rate) and of surcote (beyond it, after the legal age). */
  trimestres_decote: number;
  trimestres_surcote: number;
}

export interface RgcuDossier {
  id: string;
  periodes: Periode[];
  trimestres: { valides: number; requis: number };
  age_legal: { annees: number; mois: number };
  date_age_legal: string;
  estimation: Estimation | null;
}

const QUARTERS_PER_YEAR = 4;
const DAYS_PER_QUARTER = 365.25 / QUARTERS_PER_YEAR;

/**
 * The person's career register (from their career cut by year, see sliceByYear), or null when
 * no scheme ever recorded them. A retired person's register shows no estimation.
 */
export function buildRgcuDossier(
  id: string,
  birthdate: string,
  career: readonly YearSlice[],
  retired: boolean,
  today: string,
): RgcuDossier | null {
  const periodes = careerPeriods(career, today);
  if (periodes.length === 0) return null;
  const legal = legalRetirementAge(birthdate);
  const estimable = !retired && ageOn(birthdate, today).years >= ESTIMATION_FROM_AGE;
  return {
    id,
    periodes,
    trimestres: { valides: validatedQuarters(periodes), requis: requiredQuarters(birthdate) },
    age_legal: { annees: legal.annees, mois: legal.mois },
    date_age_legal: addMonths(birthdate, legal.annees * 12 + legal.mois),
    estimation: estimable ? defaultEstimation(birthdate, periodes, today) : null,
  };
}

/**
 * One period per calendar year and scheme, oldest first. The current year is reported after
 * it ends: its periods show no quarters and no earnings yet, and stay open while it goes on.
 */
function careerPeriods(slices: readonly YearSlice[], today: string): Periode[] {
  const currentYear = yearOf(today);
  const periodes: Periode[] = [];
  // Slices come sorted by year: close each year's group as the next one starts.
  let group: YearSlice[] = [];
  const closeYear = (): void => {
    if (group.length === 0) return;
    const year = group[0]!.year;
    let quarters = 0;
    for (const slice of group) {
      const periode = basicPeriod(slice, currentYear);
      // At most four quarters a year, whatever the number of schemes.
      periode.trimestres_valides = min(periode.trimestres_valides, QUARTERS_PER_YEAR - quarters);
      quarters += periode.trimestres_valides;
      periodes.push(periode);
    }
    const complementary = agircArrcoPeriod(group, year, currentYear);
    if (complementary !== null) periodes.push(complementary);
    group = [];
  };
  for (const slice of slices) {
    if (group.length > 0 && group[0]!.year !== slice.year) closeYear();
    group.push(slice);
  }
  closeYear();
  return periodes.sort((a, b) => compareIso(a.date_debut, b.date_debut) || regimeRank(a.regime) - regimeRank(b.regime));
}

function basicPeriod(slice: YearSlice, currentYear: number): Periode {
  const current = slice.year === currentYear;
  const ongoing = slice.parts.find((part) => part.ongoing);
  const main = current && ongoing !== undefined ? ongoing : longest(slice.parts);
  const days = slice.parts.reduce((sum, part) => sum + part.days, 0);
  const employment = slice.parts.filter((part) => part.segment.nature === 'EMPLOI');
  return {
    regime: slice.regime,
    libelle_regime: REGIME_LABELS[slice.regime],
    nature: main.segment.nature,
    employeur: main.segment.employeur,
    date_debut: fromDay(firstDay(slice.parts)),
    date_fin: current && ongoing !== undefined ? null : fromDay(lastDay(slice.parts)),
    trimestres_valides: current
      ? 0
      : min(QUARTERS_PER_YEAR, floor((days * QUARTERS_PER_YEAR) / daysInYear(slice.year))),
    revenus_annuels_euros:
      current || employment.length === 0 ? null : employment.reduce((sum, part) => sum + part.earnings, 0),
  };
}

/** Private salaried employment also earns Agirc-Arrco points: one complementary period per year. */
function agircArrcoPeriod(slices: readonly YearSlice[], year: number, currentYear: number): Periode | null {
  const parts: YearPart[] = [];
  for (const slice of slices) {
    if (!PRIVATE_SALARIED.has(slice.regime)) continue;
    for (const part of slice.parts) if (part.segment.nature === 'EMPLOI') parts.push(part);
  }
  if (parts.length === 0) return null;
  const current = year === currentYear;
  const ongoing = parts.find((part) => part.ongoing);
  const main = current && ongoing !== undefined ? ongoing : longest(parts);
  let earnings = 0;
  for (const part of parts) earnings += part.earnings;
  return {
    regime: 'AGIRC_ARRCO',
    libelle_regime: REGIME_LABELS.AGIRC_ARRCO,
    nature: 'EMPLOI',
    employeur: main.segment.employeur,
    date_debut: fromDay(firstDay(parts)),
    date_fin: current && ongoing !== undefined ? null : fromDay(lastDay(parts)),
    // A complementary scheme counts points, not quarters.
    trimestres_valides: 0,
    revenus_annuels_euros: current ? null : earnings,
  };
}

function firstDay(parts: readonly YearPart[]): number {
  let first = Infinity;
  for (const part of parts) first = min(first, part.first);
  return first;
}

function lastDay(parts: readonly YearPart[]): number {
  let last = -Infinity;
  for (const part of parts) last = max(last, part.last);
  return last;
}

function longest(parts: readonly YearPart[]): YearPart {
  let best = parts[0] as YearPart;
  for (const part of parts) if (part.days > best.days) best = part;
  return best;
}

function isBasic(regime: Regime): regime is BasicRegime {
  return regime !== 'AGIRC_ARRCO';
}

function validatedQuarters(periodes: readonly Periode[]): number {
  return periodes.reduce((sum, periode) => sum + (isBasic(periode.regime) ? periode.trimestres_valides : 0), 0);
}

/** What a pension estimation needs from the register, computed once per person. */
interface CareerFigures {
  birthdate: string;
  requis: number;
  legalMonths: number;
  alignedQuarters: number;
  publicServiceQuarters: number;
  /** Closed years' earnings in the aligned schemes (régime général, MSA, SSI), capped at one PASS. */
  alignedEarnings: number[];
  lastAlignedEarnings: number;
  lastPublicServiceEarnings: number;
  agircArrcoPoints: number;
  lastAgircArrcoEarnings: number;
  /** The activity going on today, projected until departure; null when none. */
  ongoing: { family: 'aligned' | 'public'; from: string; employment: boolean; agircArrco: boolean } | null;
}

function careerFigures(birthdate: string, periodes: readonly Periode[]): CareerFigures {
  const figures: CareerFigures = {
    birthdate,
    requis: requiredQuarters(birthdate),
    legalMonths: monthsOf(legalRetirementAge(birthdate)),
    alignedQuarters: 0,
    publicServiceQuarters: 0,
    alignedEarnings: [],
    lastAlignedEarnings: 0,
    lastPublicServiceEarnings: 0,
    agircArrcoPoints: 0,
    lastAgircArrcoEarnings: 0,
    ongoing: null,
  };
  const alignedByYear = new Map<string, number>();
  for (const periode of periodes) {
    const revenus = periode.revenus_annuels_euros;
    if (periode.regime === 'AGIRC_ARRCO') {
      if (revenus !== null) {
        figures.agircArrcoPoints += agircArrcoPoints(revenus);
        figures.lastAgircArrcoEarnings = revenus;
      }
      if (periode.date_fin === null && figures.ongoing !== null) figures.ongoing.agircArrco = true;
      continue;
    }
    const family = periode.regime === 'FONCTION_PUBLIQUE' ? 'public' : 'aligned';
    if (family === 'public') {
      figures.publicServiceQuarters += periode.trimestres_valides;
      if (revenus !== null) figures.lastPublicServiceEarnings = revenus;
    } else {
      figures.alignedQuarters += periode.trimestres_valides;
      if (revenus !== null) {
        const year = periode.date_debut.slice(0, 4);
        alignedByYear.set(year, (alignedByYear.get(year) ?? 0) + revenus);
        figures.lastAlignedEarnings = revenus;
      }
    }
    if (periode.date_fin === null && figures.ongoing === null) {
      figures.ongoing = { family, from: periode.date_debut, employment: periode.nature === 'EMPLOI', agircArrco: false };
    }
  }
  figures.alignedEarnings = [...alignedByYear.values()].map((earnings) => min(earnings, PASS));
  return figures;
}

function agircArrcoPoints(earnings: number): number {
  const upToPass = min(earnings, PASS) * AGIRC_ARRCO.rateUpToPass;
  const abovePass = max(earnings - PASS, 0) * AGIRC_ARRCO.rateAbovePass;
  return (upToPass + abovePass) / AGIRC_ARRCO.pointPrice;
}

function monthsOf(age: AgeInYears): number {
  return age.annees * 12 + age.mois;
}

/** A pension starts on the first day of the month after the chosen age is reached. */
function departureDate(birthdate: string, ageMonths: number): string {
  return firstOfNextMonth(addMonths(birthdate, ageMonths));
}

/**
 * Why an estimation cannot be given for this age (null when it can): the contract's 62–70
 * range, not before the legal age, and a departure still to come.
 */
export function estimationAgeRefusal(birthdate: string, today: string, age: AgeInYears): string | null {
  const months = monthsOf(age);
  if (months < ESTIMATION_MIN_AGE * 12 || months > ESTIMATION_MAX_AGE * 12) {
    return `L'âge de départ doit être compris entre ${ESTIMATION_MIN_AGE} et ${ESTIMATION_MAX_AGE} ans (reçu : ${age.annees} ans ${age.mois} mois).`;
  }
  const legal = legalRetirementAge(birthdate);
  if (months < monthsOf(legal)) {
    return `L'âge légal de départ de cet assuré est ${legal.annees} ans ${legal.mois} mois (reçu : ${age.annees} ans ${age.mois} mois).`;
  }
  const date = departureDate(birthdate, months);
  if (date <= today) return `Un départ à ${age.annees} ans ${age.mois} mois aurait lieu le ${date}, qui est passé.`;
  return null;
}

/**
 * The pension for a departure at `age`, if the person keeps their current activity (and its
 * last earnings) until then. Simplified: best 25 years at 50 % for the aligned schemes, 75 %
 * of the last salary for the public service, Agirc-Arrco points; décote or surcote per quarter.
 */
export function estimatePension(birthdate: string, periodes: readonly Periode[], age: AgeInYears): Estimation {
  return estimateFrom(careerFigures(birthdate, periodes), monthsOf(age));
}

/** Quarters the ongoing activity adds until a departure date (none without one). */
function projectedQuarters(figures: CareerFigures, depart: string): number {
  if (figures.ongoing === null) return 0;
  return max(0, floor((toDay(depart) - toDay(figures.ongoing.from)) / DAYS_PER_QUARTER));
}

function estimateFrom(figures: CareerFigures, ageMonths: number): Estimation {
  const depart = departureDate(figures.birthdate, ageMonths);
  let alignedQuarters = figures.alignedQuarters;
  let publicQuarters = figures.publicServiceQuarters;
  const alignedEarnings = [...figures.alignedEarnings];
  let points = figures.agircArrcoPoints;
  const ongoing = figures.ongoing;
  if (ongoing !== null) {
    const projected = projectedQuarters(figures, depart);
    if (ongoing.family === 'public') publicQuarters += projected;
    else alignedQuarters += projected;
    if (ongoing.employment && ongoing.family === 'aligned') {
      for (const share of yearShares(ongoing.from, depart)) {
        alignedEarnings.push(min(figures.lastAlignedEarnings * share, PASS));
        if (ongoing.agircArrco) points += agircArrcoPoints(figures.lastAgircArrcoEarnings * share);
      }
    }
  }
  const total = alignedQuarters + publicQuarters;
  const fullRateMonths = monthsOf(FULL_RATE_AGE);
  let decote = 0;
  let surcote = 0;
  if (total < figures.requis && ageMonths < fullRateMonths) {
    decote = min(figures.requis - total, ceil((fullRateMonths - ageMonths) / 3), MAX_DECOTE_QUARTERS);
  } else if (total > figures.requis) {
    surcote = max(0, min(total - figures.requis, floor((ageMonths - figures.legalMonths) / 3)));
  }
  const coefficient = 1 - RATE_STEP_PER_QUARTER * decote + RATE_STEP_PER_QUARTER * surcote;
  const best = alignedEarnings.sort((a, b) => b - a).slice(0, BEST_YEARS);
  const averageWage = best.length === 0 ? 0 : best.reduce((sum, earnings) => sum + earnings, 0) / best.length;
  const aligned = averageWage * FULL_RATE * min(1, alignedQuarters / figures.requis);
  const publicService =
    figures.lastPublicServiceEarnings * PUBLIC_SERVICE_RATE * min(1, publicQuarters / figures.requis);
  const complementary = points * AGIRC_ARRCO.pointValue;
  return {
    age_depart_annees: floor(ageMonths / 12),
    age_depart_mois: ageMonths % 12,
    date_depart: depart,
    montant_mensuel_brut_euros: euros(((aligned + publicService + complementary) * coefficient) / 12),
    taux_plein: decote === 0,
    trimestres_au_depart: total,
    trimestres_decote: decote,
    trimestres_surcote: surcote,
  };
}

/** Share of each calendar year covered between two dates (end excluded). */
function yearShares(from: string, to: string): number[] {
  const shares: number[] = [];
  const end = toDay(to);
  for (let year = yearOf(from); year <= yearOf(to); year++) {
    const first = max(toDay(from), yearStartDay(year));
    const last = min(end, yearStartDay(year + 1));
    if (last > first) shares.push((last - first) / daysInYear(year));
  }
  return shares;
}

/**
 * The estimation the register shows: the earliest departure still to come, from the legal
 * age, at the full rate (reached with the quarters, or at 67).
 */
function defaultEstimation(birthdate: string, periodes: readonly Periode[], today: string): Estimation {
  const figures = careerFigures(birthdate, periodes);
  const closedQuarters = figures.alignedQuarters + figures.publicServiceQuarters;
  const lastMonths = max(monthsOf(FULL_RATE_AGE), monthsOf({ annees: ageOn(birthdate, today).years + 1, mois: 0 }));
  for (let months = figures.legalMonths; months < lastMonths; months++) {
    const depart = departureDate(birthdate, months);
    if (depart <= today) continue;
    if (closedQuarters + projectedQuarters(figures, depart) >= figures.requis) return estimateFrom(figures, months);
  }
  return estimateFrom(figures, lastMonths);
}
