import { container, facts, HOME, pageHeading, section, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { euros, longDate, month } from '../../../contract/french.ts';
import { graphql, sectionOf } from '../graphql.ts';
import { BENEFITS, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppFamilleDocument as QUERY, type AppFamilleQuery } from '../operations.generated.ts';


type Family = NonNullable<NonNullable<AppFamilleQuery['me']>['family']>;

const INFO = SECTIONS.family;

export async function family(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY);
  const state = sectionOf(data.me!.family, errors, 'family');
  return {
    title: INFO.title,
    content: container(
      pageHeading(INFO.title, { crumbs: [HOME], lead: 'Vos prestations familiales et sociales, versées par la CAF.' }),
      state.state === 'ok' ? details(state.value) : sectionAbsent(INFO, state),
    ),
  };
}

function details({ familyQuotient, children, benefits, payments }: Family): Node[] {
  const period = `${familyQuotient.year}-${String(familyQuotient.month).padStart(2, '0')}`;
  return [
    section(
      'Quotient familial',
      facts([
        ['Quotient familial', h('strong', {}, String(familyQuotient.value))],
        ['Mois de calcul', month(period)],
        ['Calculé par', familyQuotient.provider],
      ]),
    ),
    section(
      'Enfants à charge',
      children.length === 0
        ? h('p', {}, 'Aucun enfant connu de la CAF.')
        : h('ul', {}, children.map((child) => h('li', {}, `${child.givenNames}, date de naissance : ${longDate(child.birthDate)}`))),
    ),
    section(
      'Prestations',
      benefits.length === 0
        ? h('p', {}, 'Aucune prestation.')
        : table({
            caption: 'Prestations et période du droit',
            columns: ['Prestation', 'Montant mensuel', 'Début du droit', 'Fin du droit'],
            numeric: [1],
            rows: benefits.map((benefit) => [
              BENEFITS[benefit.code] ?? benefit.label,
              euros(benefit.monthlyAmount, true),
              longDate(benefit.startDate),
              benefit.endDate ? longDate(benefit.endDate) : 'Sans date de fin',
            ]),
          }),
    ),
    section(
      'Paiements des douze derniers mois',
      payments.length === 0
        ? h('p', {}, 'Aucun paiement.')
        : table({
            caption: 'Paiements, du plus récent au plus ancien',
            columns: ['Date', 'Prestation', 'Montant'],
            numeric: [2],
            rows: payments.map((payment) => [longDate(payment.date), BENEFITS[payment.benefit] ?? payment.benefit, euros(payment.amount, true)]),
          }),
    ),
  ];
}
