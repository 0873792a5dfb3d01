import { today } from '../clock.ts';
import { appLink, container, facts, HOME, pageHeading, section, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { age, euros, longDate } from '../../../contract/french.ts';
import { graphql, sectionOf } from '../graphql.ts';
import { CAREER_PERIOD_KINDS, SECTIONS, SIMULATORS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppRetraiteDocument as QUERY } from '../operations.generated.ts';


interface Age {
  years: number;
  months: number;
}

interface Retirement {
  validatedQuarters: number;
  requiredQuarters: number;
  legalAge: Age;
  legalAgeDate: string;
  estimatedPension: { retirementAge: Age; startDate: string; monthlyGrossAmount: number; fullRate: boolean } | null;
  careerPeriods: Array<{
    scheme: string;
    schemeLabel: string;
    kind: string;
    employer: string | null;
    startDate: string;
    endDate: string | null;
    validatedQuarters: number;
    annualEarnings: number | null;
  }>;
}

const INFO = SECTIONS.retirement;

export async function retirement(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY);
  const state = sectionOf(data.me!.retirement, errors, 'retirement');
  return {
    title: INFO.title,
    content: container(
      pageHeading(INFO.title, { crumbs: [HOME], lead: 'Votre carrière tous régimes, d’après le répertoire de gestion des carrières unique (RGCU) de l’Assurance retraite.' }),
      state.state === 'ok' ? details(state.value) : sectionAbsent(INFO, state),
    ),
  };
}

/** A complementary scheme records points, not quarters: its rows say so rather than show 0. */
const COMPLEMENTARY_SCHEMES = new Set(['AGIRC_ARRCO']);

/** The legal age, and whether it is reached: from then on, the person may leave. */
function legalAgeText(record: Retirement): string {
  const reached = record.legalAgeDate <= today();
  return reached
    ? `${age(record.legalAge)}, atteint le ${longDate(record.legalAgeDate)} : vous pouvez partir à la retraite dès maintenant`
    : `${age(record.legalAge)}, que vous atteindrez le ${longDate(record.legalAgeDate)}`;
}

function details(record: Retirement): Node[] {
  const pension = record.estimatedPension;
  // The register lists the newest years last; the reader wants them first.
  const periods = [...record.careerPeriods].reverse();
  return [
    section(
      'Ma situation',
      facts([
        ['Trimestres validés', h('strong', {}, `${record.validatedQuarters} sur ${record.requiredQuarters} requis pour le taux plein`)],
        ['Âge légal de départ', legalAgeText(record)],
      ]),
    ),
    section(
      'Estimation de ma pension',
      pension
        ? facts([
            ['Montant estimé', h('strong', {}, `${euros(pension.monthlyGrossAmount)} brut par mois`)],
            ['Âge de départ', `${age(pension.retirementAge)}, à partir du ${longDate(pension.startDate)}`],
            ['Taux', pension.fullRate ? 'Taux plein' : 'Taux réduit (décote)'],
          ])
        : h('p', {}, 'Votre relevé de carrière donne une estimation à partir de 55 ans ; vous pouvez déjà en demander une pour l’âge de votre choix.'),
      h('p', {}, appLink(SIMULATORS.pension, 'Estimer ma pension à un autre âge', { class: 'fr-btn fr-btn--secondary' })),
    ),
    section(
      'Ma carrière',
      table({
        caption: 'Périodes de carrière par régime, de la plus récente à la plus ancienne',
        columns: ['Période', 'Régime', 'Nature', 'Employeur', 'Trimestres', 'Revenus de l’année'],
        numeric: [4, 5],
        rows: periods.map((period) => [
          period.endDate ? `Du ${longDate(period.startDate)} au ${longDate(period.endDate)}` : `Depuis le ${longDate(period.startDate)}`,
          period.schemeLabel,
          CAREER_PERIOD_KINDS[period.kind] ?? period.kind,
          period.employer ?? '—',
          COMPLEMENTARY_SCHEMES.has(period.scheme) ? 'Des points (régime complémentaire)' : String(period.validatedQuarters),
          period.annualEarnings === null ? '—' : euros(period.annualEarnings, true),
        ]),
      }),
    ),
  ];
}
