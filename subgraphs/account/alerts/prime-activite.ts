import { euros, plural } from '../../../contract/french.ts';
import { parameters, valueOn } from '../../../rules/parameters.ts';
import { screenPrimeActivite, type Household, type PpaScreening } from '../../../rules/ppa.ts';
import type { FamilyInput, Section } from '../sections.ts';
import type { Alert } from './alert.ts';

/** The complementary scheme repeats the basic schemes' earnings: counting it would double them. */
const COMPLEMENTARY_SCHEMES = new Set(['AGIRC_ARRCO']);

/**
 * Eligible for the prime d'activité but not receiving it: needs the career register (work and
 * earnings) and the CAF (what it pays, and the household it counts); a person unknown to the
 * CAF receives nothing from it and is counted alone.
 */
export function primeActiviteAlert(
  birthdate: string,
  career: Section<'rgcu'>,
  caf: Section<'caf'>,
  today: string,
): Alert | null {
  if (career.data === null || caf.outcome === 'FAILED' || caf.outcome === 'DENIED') return null;
  const periods = (career.data.careerPeriods ?? []).filter((period) => !COMPLEMENTARY_SCHEMES.has(period.scheme));
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  const lastYearPeriods = periods.filter((period) => period.startDate.startsWith(lastYear) && period.annualEarnings !== null);
  const household = householdOf(caf.data);
  const screening = screenPrimeActivite({
    birthdate,
    today,
    working: periods.some((period) => period.kind === 'EMPLOYMENT' && period.endDate === null),
    lastYearEarnings: lastYearPeriods.length === 0 ? null : lastYearPeriods.reduce((sum, p) => sum + (p.annualEarnings ?? 0), 0),
    receiving: receivesPrimeActivite(caf.data, today),
    household,
  });
  if (!screening.likelyEligible) return null;
  return {
    id: 'PRIME_ACTIVITE_NOT_CLAIMED',
    kind: 'PRIME_ACTIVITE_NOT_CLAIMED',
    severity: 'WARNING',
    agency: 'CAF',
    title: 'Vous pourriez avoir droit à la prime d’activité',
    explanation:
      `En ${lastYear}, vos revenus d’activité étaient d’environ ${euros(Math.round(screening.monthlyEarnings / 100) * 100)} bruts par mois, ` +
      `sous le plafond indicatif ${ceilingOf(household, screening, today)} (${euros(screening.monthlyCeiling)} bruts), et la CAF ne vous verse pas ` +
      'la prime d’activité. Elle n’est jamais versée sans demande : faites une simulation, puis la demande si elle est positive.',
    action: { label: 'Simuler et demander la prime d’activité', url: 'https://www.service-public.fr/particuliers/vosdroits/F2882', mutation: null },
  };
}

/** The household the CAF counts; null when it has no file (the person is then counted alone). */
function householdOf(caf: FamilyInput | null): Household | null {
  if (caf === null || caf.adults === undefined || caf.children === undefined) return null;
  return { adults: caf.adults, childrenBirthDates: caf.children.map((child) => child.birthDate) };
}

/** Whose ceiling it is, in words: « d’une personne seule », « d’un parent isolé avec un enfant de moins de 3 ans ». */
function ceilingOf(household: Household | null, screening: PpaScreening, today: string): string {
  if (household === null) return 'd’une personne seule (la CAF n’a pas de dossier à votre nom : votre foyer n’a pas pu être compté)';
  const children = household.childrenBirthDates.length;
  if (screening.isolatedParent) {
    const { isolatedParentUntilChildAge: age } = valueOn(parameters.ppa.householdMajorations, today);
    return children === 1
      ? `d’un parent isolé avec un enfant de moins de ${age} ans`
      : `d’un parent isolé avec ${plural(children, 'enfant')}, le plus jeune de moins de ${age} ans`;
  }
  const persons = household.adults + children;
  return persons === 1 ? 'd’une personne seule' : `d’un foyer de ${plural(persons, 'personne')} (${plural(household.adults, 'adulte')}, ${plural(children, 'enfant')})`;
}

function receivesPrimeActivite(caf: FamilyInput | null, today: string): boolean {
  return (caf?.benefits ?? []).some((benefit) => benefit.code === 'PPA' && (benefit.endDate === null || benefit.endDate >= today));
}
