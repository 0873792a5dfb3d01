import { badge, container, facts, HOME, pageHeading, section, sectionFailure, sectionUnknown, table } from '../components.ts';
import { h } from '../dom.ts';
import { euros, longDate, month, plural } from '../../../contract/french.ts';
import { graphql, sectionOf } from '../graphql.ts';
import { ALLOWANCES, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { monthlyUpdateForm } from './monthly-update.ts';
import QUERY from '../../../operations/web/emploi.graphql?raw';


interface Employment {
  registration: { startDate: string; endDate: string | null; category: string; categoryLabel: string } | null;
  allowance: { kind: string; dailyGrossAmount: number; rightsOpenedOn: string; rightsEndOn: string; remainingDays: number } | null;
  payments: Array<{ date: string; total: number; allowance: number; aid: number; otherAid: number }>;
  monthlyUpdate: { period: string; opensOn: string; dueOn: string; status: 'DUE' | 'DONE' } | null;
}

const INFO = SECTIONS.employment;

export async function employment(): Promise<Rendered> {
  const { data, errors } = await graphql<{ me: { employment: Employment | null } }>(QUERY);
  const state = sectionOf(data.me.employment, errors, 'employment');
  return {
    title: INFO.title,
    content: container(
      pageHeading(INFO.title, { crumbs: [HOME], lead: 'Votre inscription et votre indemnisation à France Travail.' }),
      state.state === 'error' ? sectionFailure(INFO, state.error) : state.state === 'unknown' ? sectionUnknown(INFO) : details(state.value),
    ),
  };
}

function updateStatus(update: NonNullable<Employment['monthlyUpdate']>): Node[] {
  const status = h('div', {}, update.status === 'DUE' ? badge('À faire', 'warning') : badge('Faite', 'success'));
  return [
    facts([
      ['Statut', status],
      ['Mois à déclarer', month(update.period)],
      ['Période pour la faire', `Du ${longDate(update.opensOn)} au ${longDate(update.dueOn)}`],
    ]),
    update.status === 'DUE' ? monthlyUpdateForm(update.period, () => status.replaceChildren(badge('Faite', 'success'))) : null,
  ].filter((node): node is HTMLElement => node !== null);
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
            ['Allocation', ALLOWANCES[allowance.kind] ?? allowance.kind],
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
