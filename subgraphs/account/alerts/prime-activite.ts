import { screenPrimeActivite } from '../../../rules/ppa.ts';
import { euros } from '../french.ts';
import type { FamilyInput, Section } from '../sections.ts';
import type { Alert } from './alert.ts';

/** The complementary scheme repeats the basic schemes' earnings: counting it would double them. */
const COMPLEMENTARY_SCHEMES = new Set(['AGIRC_ARRCO']);

/**
 * Eligible for the prime d'activité but not receiving it: needs the career register (work and
 * earnings) and the CAF (what it pays); a person unknown to the CAF receives nothing from it.
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
  const screening = screenPrimeActivite({
    birthdate,
    today,
    working: periods.some((period) => period.kind === 'EMPLOYMENT' && period.endDate === null),
    lastYearEarnings: lastYearPeriods.length === 0 ? null : lastYearPeriods.reduce((sum, p) => sum + (p.annualEarnings ?? 0), 0),
    receiving: receivesPrimeActivite(caf.data, today),
  });
  if (!screening.likelyEligible) return null;
  return {
    id: 'PRIME_ACTIVITE_NOT_CLAIMED',
    kind: 'PRIME_ACTIVITE_NOT_CLAIMED',
    severity: 'WARNING',
    agency: 'CAF',
    title: "Vous pourriez avoir droit à la prime d'activité",
    explanation:
      `En ${lastYear}, vos revenus d'activité étaient d'environ ${euros(Math.round(screening.monthlyEarnings / 100) * 100)} bruts par mois, ` +
      `sous le plafond indicatif d'une personne seule (${euros(screening.monthlyCeiling)} bruts), et la CAF ne vous verse pas ` +
      "la prime d'activité. Elle n'est jamais versée sans demande : faites une simulation, puis la demande si elle est positive.",
    action: { label: "Simuler et demander la prime d'activité", url: 'https://www.service-public.fr/particuliers/vosdroits/F2882', mutation: null },
  };
}

function receivesPrimeActivite(caf: FamilyInput | null, today: string): boolean {
  return (caf?.benefits ?? []).some((benefit) => benefit.code === 'PPA' && (benefit.endDate === null || benefit.endDate >= today));
}
