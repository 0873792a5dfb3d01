import familyPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/buildings/house.svg?no-inline';
import employmentPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/buildings/companie.svg?no-inline';
import trainingPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/buildings/school.svg?no-inline';
import retirementPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/digital/calendar.svg?no-inline';
import errorPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/system/technical-error.svg?no-inline';
import { today } from '../clock.ts';
import { appLink, badge, container, pageHeading } from '../components.ts';
import { h, pictogram, type Child } from '../dom.ts';
import { age, euros, longDate, ofMonth, plural } from '../../../contract/french.ts';
import { graphql, sectionOf, type Section } from '../graphql.ts';
import { BENEFITS, errorMessage, SECTIONS, type SectionName } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppTableauDeBordDocument as QUERY, type AppTableauDeBordQuery } from '../operations.generated.ts';


/** `identity` is null only for an access without `identity:read`, which a signed-in citizen
 * always has; `alerts` is null when the account subgraph cannot be reached: the dashboard then goes without. */
type Me = NonNullable<AppTableauDeBordQuery['me']>;

const PICTOGRAMS: Record<SectionName, string> = {
  training: trainingPictogram,
  retirement: retirementPictogram,
  family: familyPictogram,
  employment: employmentPictogram,
};

/** The figures each tile shows, one line each; the first is the main one. */
const SUMMARIES: { [K in SectionName]: (value: NonNullable<Me[K]>) => string[] } = {
  training: ({ cpf, c2p, cec }) => [
    `Compte personnel de formation : ${euros(cpf.balance)}`,
    ...(c2p ? [`Compte professionnel de prévention : ${plural(c2p.availablePoints, 'point')}`] : []),
    ...(cec ? [`Compte d’engagement citoyen : ${euros(cec.balance)}`] : []),
  ],
  retirement: ({ validatedQuarters, requiredQuarters, estimatedPension }) => [
    `${plural(validatedQuarters, 'trimestre validé', 'trimestres validés')} sur ${requiredQuarters}`,
    ...(estimatedPension
      ? [`Pension estimée : ${euros(estimatedPension.monthlyGrossAmount)} brut par mois à ${age(estimatedPension.retirementAge)}`]
      : []),
  ],
  family: ({ familyQuotient, benefits }) => [
    `Quotient familial : ${familyQuotient.value}`,
    ...benefits
      .filter((benefit) => benefit.endDate === null || benefit.endDate >= today())
      .map((benefit) => `${BENEFITS[benefit.code] ?? benefit.code} : ${euros(benefit.monthlyAmount)} par mois`),
  ],
  employment: ({ registration, allowance, monthlyUpdate }) => [
    registration
      ? registration.endDate === null
        ? `Inscription comme demandeur d’emploi, catégorie ${registration.category}`
        : `Inscription terminée le ${longDate(registration.endDate)}`
      : 'Pas d’inscription comme demandeur d’emploi',
    ...(allowance
      ? [`${allowance.kind} : ${euros(allowance.dailyGrossAmount)} par jour, ${plural(allowance.remainingDays, 'jour restant', 'jours restants')}`]
      : []),
    ...(monthlyUpdate?.status === 'DUE'
      ? [`Actualisation ${ofMonth(monthlyUpdate.period)} à faire avant le ${longDate(monthlyUpdate.dueOn)}`]
      : []),
  ],
};

function tile<K extends SectionName>(name: K, state: Section<NonNullable<Me[K]>>): HTMLElement {
  const info = SECTIONS[name];
  const lines: Child[] =
    state.state === 'ok'
      ? SUMMARIES[name](state.value).map((line, index) => h('p', { class: index === 0 ? 'cdc-tile__main' : null }, line))
      : state.state === 'unknown'
        ? [h('p', {}, `Aucun dossier à ${info.holder}.`)]
        : [h('p', {}, errorMessage(state.error, info.holder)), h('p', {}, 'Vos autres droits restent affichés.')];
  return h(
    'div',
    { class: 'fr-col-12 fr-col-md-6' },
    h(
      'div',
      { class: 'fr-tile fr-tile--horizontal fr-enlarge-link cdc-tile', 'data-section': name, 'data-state': state.state },
      h(
        'div',
        { class: 'fr-tile__body' },
        h(
          'div',
          { class: 'fr-tile__content' },
          h('h3', { class: 'fr-tile__title' }, appLink(info.path, info.title)),
          h('div', { class: 'fr-tile__desc' }, lines),
          h('p', { class: 'fr-tile__detail' }, info.agencyName),
          state.state === 'error' ? h('div', { class: 'fr-tile__start' }, badge('Indisponible', 'error')) : null,
        ),
      ),
      h('div', { class: 'fr-tile__header' }, h('div', { class: 'fr-tile__pictogram' }, pictogram(state.state === 'error' ? errorPictogram : PICTOGRAMS[name]))),
    ),
  );
}

function alertsCallout(items: Array<{ id: string; title: string }>): HTMLElement | null {
  if (items.length === 0) return null;
  return h(
    'div',
    { class: 'fr-callout fr-mb-6w', 'data-alerts': String(items.length) },
    h('h2', { class: 'fr-callout__title' }, items.length === 1 ? 'Une alerte vous concerne' : `${items.length} alertes vous concernent`),
    h('ul', { class: 'fr-callout__text' }, items.map((item) => h('li', {}, item.title))),
    appLink('alertes', 'Voir mes alertes', { class: 'fr-btn fr-btn--secondary' }),
  );
}

export async function dashboard(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY);
  const me = data.me!;
  const greeting = me.identity ? `Bonjour ${me.identity.givenNames.join(' ')} ${me.identity.familyName}. ` : 'Bonjour. ';
  return {
    title: 'Tableau de bord',
    content: container(
      pageHeading('Tableau de bord', { lead: `${greeting}Voici vos droits, lus à l’instant auprès de chaque organisme.` }),
      alertsCallout(me.alerts?.items ?? []),
      h(
        'section',
        { 'aria-labelledby': 'titre-mes-droits' },
        h('h2', { id: 'titre-mes-droits' }, 'Mes droits'),
        h(
          'div',
          { class: 'fr-grid-row fr-grid-row--gutters' },
          tile('training', sectionOf(me.training, errors, 'training')),
          tile('retirement', sectionOf(me.retirement, errors, 'retirement')),
          tile('family', sectionOf(me.family, errors, 'family')),
          tile('employment', sectionOf(me.employment, errors, 'employment')),
        ),
      ),
    ),
  };
}
