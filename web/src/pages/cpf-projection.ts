import { count, euros, longDate } from '../../../contract/french.ts';
import { badge, container, explanationView, facts, HOME, loadingState, pageHeading, SECTION_CRUMB, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { outcome, readWholeNumber, textInput } from '../forms.ts';
import { graphql, mutate, sectionOf } from '../graphql.ts';
import { errorMessage, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppProjectionCpfDocument as QUERY, type AppProjectionCpfQuery } from '../operations.generated.ts';

type Projection = NonNullable<NonNullable<NonNullable<AppProjectionCpfQuery['me']>['training']>['cpf']['projection']>;

const TITLE = 'Projeter mon compte formation';
const INFO = SECTIONS.training;
/** The first projection shown, before the person picks another length. */
const DEFAULT_YEARS = 10;
/** The longest projection the API answers (`CpfAccount.projection`). */
const MAX_YEARS = 45;

/** The CPF over the coming years, credit by credit, as the API projects and explains it. */
export async function cpfProjection(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY, { years: DEFAULT_YEARS });
  const state = sectionOf(data.me!.training, errors, 'training');
  const heading = pageHeading(TITLE, {
    crumbs: [HOME, SECTION_CRUMB.training],
    lead: 'Ce que deviendrait votre compte personnel de formation si vous travaillez au moins à mi-temps et ne dépensez rien : chaque alimentation annuelle, jusqu’au plafond.',
  });
  if (state.state !== 'ok') return { title: TITLE, content: container(heading, sectionAbsent(INFO, state)) };
  const { cpf } = state.value;
  const answer = h('div', { 'aria-live': 'polite' }, cpf.projection ? projectionView(cpf.projection) : null);
  return {
    title: TITLE,
    content: container(heading, facts([['Solde aujourd’hui', h('strong', {}, euros(cpf.balance))]]), yearsForm(answer), answer),
  };
}

function yearsForm(answer: HTMLElement): HTMLElement {
  const years = textInput({ label: 'Nombre d’années', name: 'annees', hint: `Un nombre entier, de 1 à ${MAX_YEARS}. Exemple : 5` });
  years.control.inputMode = 'numeric';
  years.control.value = String(DEFAULT_YEARS);
  const result = outcome();
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Projeter');
  const form = h('form', { novalidate: true, class: 'cdc-form fr-mb-4w' }, result.element, years.group, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const value = readWholeNumber(years.control.value);
    const invalid = value === null || value < 1 || value > MAX_YEARS;
    years.setError(invalid ? `Indiquez un nombre entier d’années, de 1 à ${MAX_YEARS}.` : null);
    if (invalid) {
      years.control.focus();
      return;
    }
    submit.disabled = true;
    answer.replaceChildren(loadingState('Projection en cours…'));
    const projected = await mutate(QUERY, { years: value });
    submit.disabled = false;
    if (!projected.ok) {
      answer.replaceChildren();
      result.show('error', 'Projection impossible.', errorMessage(projected.error, INFO.holder));
      return;
    }
    answer.replaceChildren(projectionView(projected.data.me!.training!.cpf.projection!));
    answer.querySelector<HTMLElement>('h2')?.focus();
  });
  return form;
}

function projectionView(projection: Projection): HTMLElement {
  return h(
    'section',
    { 'data-result': 'cpf', 'aria-labelledby': 'titre-projection' },
    h('h2', { id: 'titre-projection', tabindex: '-1' }, `Projection sur ${count(projection.credits.length)} ans`),
    table({
      caption: 'Alimentations à venir, de la prochaine à la dernière',
      columns: ['Date', 'Année travaillée', 'Alimentation', 'Solde après', 'Plafond'],
      numeric: [2, 3],
      rows: projection.credits.map((credit) => [
        longDate(credit.creditedOn),
        String(credit.workYear),
        euros(credit.credit, true),
        euros(credit.balance, true),
        credit.capped ? badge('Atteint', 'warning') : '—',
      ]),
    }),
    explanationView(projection.explanation),
  );
}
