import { badge, container, facts, failureNotice, HOME, pageHeading, section, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { euros, longDate, month, ofMonth, plural } from '../../../contract/french.ts';
import { graphql, sectionOf } from '../graphql.ts';
import { NETWORK_ERROR, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { declarationMade, monthlyUpdateForm, type MonthlyUpdate } from './monthly-update.ts';
import { AppEmploiDocument as QUERY } from '../operations.generated.ts';


interface Employment {
  registration: { startDate: string; endDate: string | null; category: string; categoryLabel: string } | null;
  allowance: { kind: string; label: string; dailyGrossAmount: number; rightsOpenedOn: string; rightsEndOn: string; remainingDays: number } | null;
  payments: Array<{ date: string; total: number; allowance: number; aid: number; otherAid: number }>;
  monthlyUpdate: MonthlyUpdate | null;
}

async function readEmployment() {
  const { data, errors } = await graphql(QUERY);
  return sectionOf(data.me!.employment, errors, 'employment');
}

const INFO = SECTIONS.employment;

export async function employment(): Promise<Rendered> {
  const state = await readEmployment();
  return {
    title: INFO.title,
    content: container(
      pageHeading(INFO.title, { crumbs: [HOME], lead: 'Votre inscription et votre indemnisation à France Travail.' }),
      state.state === 'ok' ? details(state.value) : sectionAbsent(INFO, state),
    ),
  };
}

/**
 * The open update: the form while it is due; once made, what France Travail recorded and when,
 * read back from it (after sending too, rather than what the form held).
 */
function updateStatus(update: MonthlyUpdate): HTMLElement {
  const area = h('div', { 'data-monthly-update': update.status });
  const show = (current: MonthlyUpdate, justSent: boolean) => {
    area.dataset['monthlyUpdate'] = current.status;
    area.replaceChildren(
      justSent ? h('div', { class: 'fr-alert fr-alert--success fr-mb-3w', role: 'status', tabindex: '-1' }, h('h3', { class: 'fr-alert__title' }, `Actualisation ${ofMonth(current.period)} envoyée`)) : '',
      facts([
        ['Statut', current.status === 'DUE' ? badge('À faire', 'warning') : badge('Faite', 'success')],
        ['Mois à déclarer', month(current.period)],
        ['Période pour la faire', `Du ${longDate(current.opensOn)} au ${longDate(current.dueOn)}`],
      ]),
      current.status === 'DUE'
        ? monthlyUpdateForm(current, readBack)
        : current.declaration
          ? declarationMade(current.period, current.declaration)
          : h('p', {}, 'France Travail ne donne pas le détail de cette actualisation.'),
    );
    if (justSent) area.querySelector<HTMLElement>('.fr-alert')?.focus();
  };
  const readBack = async () => {
    const state = await readEmployment().catch(() => null);
    if (state?.state === 'ok' && state.value.monthlyUpdate) show(state.value.monthlyUpdate, true);
    else area.replaceChildren(failureNotice('Actualisation envoyée, mais pas encore relue', state?.state === 'error' ? state.error : { message: '', extensions: { code: NETWORK_ERROR } }, () => void readBack(), 'h3'));
  };
  show(update, false);
  return area;
}

function details({ registration, allowance, payments, monthlyUpdate }: Employment): Node[] {
  return [
    section(
      'Inscription',
      registration
        ? facts([
            ['Catégorie', h('strong', {}, `Catégorie ${registration.category}`)],
            ['Situation', registration.categoryLabel],
            ['Inscription', registration.endDate ? `Du ${longDate(registration.startDate)} au ${longDate(registration.endDate)}` : `Depuis le ${longDate(registration.startDate)}`],
          ])
        : h('p', {}, 'Aucune inscription comme demandeur d’emploi.'),
    ),
    section('Actualisation mensuelle', monthlyUpdate ? updateStatus(monthlyUpdate) : h('p', {}, 'Aucune actualisation en cours.')),
    section(
      'Indemnisation',
      allowance
        ? facts([
            ['Allocation', allowance.label],
            ['Montant journalier brut', h('strong', {}, euros(allowance.dailyGrossAmount))],
            ['Droits', `Du ${longDate(allowance.rightsOpenedOn)} au ${longDate(allowance.rightsEndOn)}`],
            ['Jours restants', plural(allowance.remainingDays, 'jour')],
          ])
        : h('p', {}, 'Aucun droit à une allocation n’est ouvert.'),
      payments.length === 0
        ? null
        : table({
            caption: 'Paiements, du plus récent au plus ancien',
            columns: ['Date', 'Total', 'Allocation', 'Aides', 'Autres aides'],
            numeric: [1, 2, 3, 4],
            rows: payments.map((payment) => [longDate(payment.date), euros(payment.total, true), euros(payment.allowance, true), euros(payment.aid, true), euros(payment.otherAid, true)]),
          }),
    ),
  ];
}
