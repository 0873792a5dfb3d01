import { age, euros, longDate } from '../../../contract/french.ts';
import { container, explanationView, facts, HOME, loadingState, pageHeading, section, SECTION_CRUMB, sectionAbsent } from '../components.ts';
import { h } from '../dom.ts';
import { outcome, readWholeNumber, textInput } from '../forms.ts';
import { graphql, mutate, sectionOf, type ApiError } from '../graphql.ts';
import { errorMessage, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppEstimationRetraiteDocument as QUERY, type AppEstimationRetraiteQuery } from '../operations.generated.ts';

type Retirement = NonNullable<NonNullable<AppEstimationRetraiteQuery['me']>['retirement']>;
type Estimate = NonNullable<Retirement['estimatedPension']>;

const TITLE = 'Estimer ma pension à un autre âge';
const INFO = SECTIONS.retirement;
/** The oldest age the CNAV estimates (`RetirementRecord.pensionEstimate`). */
const MAX_AGE = 70;

/** The CNAV's estimate for the age the person chooses, explained by the platform's rules. */
export async function pensionSimulator(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY, { simulate: false });
  const state = sectionOf(data.me!.retirement, errors, 'retirement');
  const heading = pageHeading(TITLE, {
    crumbs: [HOME, SECTION_CRUMB.retirement],
    lead: 'L’Assurance retraite estime votre pension pour l’âge de départ que vous choisissez, si vous gardez votre activité actuelle jusque-là. Chaque résultat dit comment il est calculé.',
  });
  if (state.state !== 'ok') return { title: TITLE, content: container(heading, sectionAbsent(INFO, state)) };
  const record = state.value;
  const answer = h('div', { 'aria-live': 'polite' });
  return {
    title: TITLE,
    content: container(
      heading,
      facts([
        ['Âge légal de départ', `${age(record.legalAge)}, le ${longDate(record.legalAgeDate)}`],
        ['Trimestres validés', `${record.validatedQuarters} sur ${record.requiredQuarters} requis pour le taux plein`],
      ]),
      h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-choix' }, h('h2', { id: 'titre-choix' }, 'Choisir un âge de départ'), ageForm(record, answer)),
      answer,
      record.estimatedPension
        ? section('L’estimation de votre relevé de carrière', estimateView(record.estimatedPension, 'h3'))
        : null,
    ),
  };
}

function refusal(error: ApiError, record: Retirement): string {
  return error.extensions?.code === 'AGE_OUT_OF_RANGE'
    ? `L’Assurance retraite n’estime pas un départ à cet âge : choisissez un départ à venir, de votre âge légal (${age(record.legalAge)}) à ${MAX_AGE} ans.`
    : errorMessage(error, INFO.holder);
}

function ageForm(record: Retirement, answer: HTMLElement): HTMLElement {
  const years = textInput({ label: 'Âge de départ : années', name: 'annees', hint: `De votre âge légal à ${MAX_AGE} ans. Exemple : 64` });
  const months = textInput({ label: 'Et mois', name: 'mois', hint: 'De 0 à 11. Exemple : 6' });
  for (const field of [years, months]) field.control.inputMode = 'numeric';
  months.control.value = '0';
  const result = outcome();
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Estimer ma pension');
  const form = h('form', { novalidate: true, class: 'cdc-form' }, result.element, years.group, months.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const chosen = { years: readWholeNumber(years.control.value), months: readWholeNumber(months.control.value) };
    years.setError(chosen.years === null ? 'Indiquez un âge en années entières, par exemple 64.' : null);
    months.setError(chosen.months === null || chosen.months > 11 ? 'Indiquez un nombre de mois de 0 à 11.' : null);
    if (chosen.years === null) return years.control.focus();
    if (chosen.months === null || chosen.months > 11) return months.control.focus();
    submit.disabled = true;
    answer.replaceChildren(loadingState('Estimation en cours…'));
    const estimated = await mutate(QUERY, { age: { years: chosen.years, months: chosen.months }, simulate: true });
    submit.disabled = false;
    if (!estimated.ok) {
      answer.replaceChildren();
      result.show('error', 'Estimation impossible.', refusal(estimated.error, record));
      return;
    }
    answer.replaceChildren(section('Votre estimation', estimateView(estimated.data.me!.retirement!.pensionEstimate!, 'h3')));
    answer.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    answer.querySelector<HTMLElement>('h2')?.focus();
  });
  return form;
}

function estimateView(estimate: Estimate, heading: 'h3'): HTMLElement {
  return h(
    'div',
    { 'data-result': 'pension' },
    facts([
      ['Montant estimé', h('strong', {}, `${euros(estimate.monthlyGrossAmount)} brut par mois`)],
      ['Âge de départ', `${age(estimate.retirementAge)}, à partir du ${longDate(estimate.startDate)}`],
      ['Taux', estimate.fullRate ? 'Taux plein' : 'Taux réduit (décote)'],
    ]),
    explanationView(estimate.explanation, heading),
  );
}
