import { euros, plural } from '../../../contract/french.ts';
import { container, explanationView, facts, HOME, loadingState, pageHeading, section, SECTION_CRUMB, sectionAbsent, table } from '../components.ts';
import { h } from '../dom.ts';
import { outcome, readWholeNumber, textInput, type Field } from '../forms.ts';
import { graphql, mutate, sectionOf, type ApiError } from '../graphql.ts';
import { errorMessage, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppPointsPreventionDocument as QUERY, type AppPointsPreventionQuery } from '../operations.generated.ts';

type C2p = NonNullable<NonNullable<NonNullable<AppPointsPreventionQuery['me']>['training']>['c2p']>;
type Simulation = NonNullable<C2p['simulateC2PUse']>;

const TITLE = 'Utiliser mes points de prévention';
const INFO = SECTIONS.training;

/** Uses of the points, by the name of their input field in the API. */
const USES = [
  { key: 'training', label: 'Points pour une formation', hint: 'Le nombre de points à consacrer à une formation. Exemple : 20' },
  { key: 'retirement', label: 'Points pour des trimestres de retraite', hint: 'Par trimestres entiers : voyez les règles ci-dessus. Exemple : 10' },
  { key: 'partTime', label: 'Points pour un mi-temps sans perte de salaire', hint: 'Par périodes entières : voyez les règles ci-dessus. Exemple : 10' },
] as const;

/** The refusals of the simulator, in words, for the whole form. */
function refusal(error: ApiError, c2p: C2p): string {
  switch (error.extensions?.code) {
    case 'C2P_INSUFFICIENT_POINTS':
      return `Vous avez demandé plus de points que votre compte n’en a : ${plural(c2p.availablePoints, 'point')} au plus.`;
    case 'C2P_POINTS_RESERVED_FOR_TRAINING':
      return `${plural(c2p.reservedForTraining, 'point')} ne peuvent servir qu’à une formation : ${plural(c2p.freelyUsable, 'point')} au plus pour la retraite et le mi-temps.`;
    case 'C2P_RETIREMENT_LIMIT':
      return 'Vous avez demandé plus de trimestres de retraite que le compte n’en donne : voyez la limite dans les règles ci-dessus.';
    default:
      return errorMessage(error, INFO.holder);
  }
}

/** An input refused by the API, in words, under its field. */
function fieldRefusal(error: ApiError): string {
  switch (error.extensions?.reason) {
    case 'NOT_A_MULTIPLE':
      return 'Ce nombre de points ne donne pas de périodes entières : voyez les règles ci-dessus.';
    case 'REQUIRED':
      return 'Indiquez des points pour au moins un usage.';
    default:
      return 'Indiquez un nombre entier de points, 0 ou plus.';
  }
}

/**
 * What C2P points would give, simulated by the API with its explanation: the points available,
 * the rules first, then for the uses asked the result and how it was reached. Nothing is spent.
 */
export async function c2pSimulator(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY, { simulate: false });
  const state = sectionOf(data.me!.training, errors, 'training');
  const heading = pageHeading(TITLE, {
    crumbs: [HOME, SECTION_CRUMB.training],
    lead: 'Simulez ce que les points de votre compte professionnel de prévention (C2P) vous donneraient : une formation, des trimestres de retraite ou un mi-temps sans perte de salaire. Rien n’est dépensé.',
  });
  if (state.state !== 'ok') return { title: TITLE, content: container(heading, sectionAbsent(INFO, state)) };
  const c2p = state.value.c2p;
  if (!c2p) {
    return { title: TITLE, content: container(heading, h('p', { 'data-state': 'empty' }, 'Vous n’avez pas de compte professionnel de prévention : vous n’avez pas de points à utiliser.')) };
  }
  return {
    title: TITLE,
    content: container(
      heading,
      section(
        'Mes points',
        facts([
          ['Points disponibles', h('strong', {}, plural(c2p.availablePoints, 'point'))],
          ['Réservés à la formation', plural(c2p.reservedForTraining, 'point')],
          ['Librement utilisables', plural(c2p.freelyUsable, 'point')],
        ]),
        table({
          caption: 'Ce que valent vos points : les règles en vigueur',
          columns: ['Règle', 'Valeur', 'Texte de référence'],
          rows: c2p.rules.map((rule) => [rule.rule, rule.value, rule.reference]),
        }),
      ),
      h('section', { 'aria-labelledby': 'titre-simulation' }, h('h2', { id: 'titre-simulation' }, 'Simuler un usage'), simulationForm(c2p)),
    ),
  };
}

function simulationForm(c2p: C2p): HTMLElement {
  const fields = USES.map((use) => {
    const field = textInput({ label: use.label, name: use.key, hint: use.hint });
    field.control.inputMode = 'numeric';
    field.control.value = '0';
    return { ...use, field };
  });
  const result = outcome();
  const answer = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Simuler');
  const form = h('form', { novalidate: true, class: 'cdc-form fr-mb-4w' }, result.element, fields.map((use) => use.field.group), submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const uses: Record<string, number> = {};
    let first: Field<HTMLInputElement> | null = null;
    for (const { key, field } of fields) {
      const value = readWholeNumber(field.control.value);
      field.setError(value === null ? 'Indiquez un nombre entier de points, 0 ou plus.' : null);
      if (value === null) first ??= field;
      else uses[key] = value;
    }
    if (first) {
      first.control.focus();
      return;
    }
    submit.disabled = true;
    answer.replaceChildren(loadingState('Simulation en cours…'));
    const simulated = await mutate(QUERY, { uses, simulate: true });
    submit.disabled = false;
    if (!simulated.ok) {
      answer.replaceChildren();
      const field = fields.find((use) => simulated.error.extensions?.field === `uses.${use.key}`)?.field;
      if (field) {
        field.setError(fieldRefusal(simulated.error));
        field.control.focus();
      } else {
        result.show('error', 'Simulation impossible.', simulated.error.extensions?.code === 'BAD_USER_INPUT' ? fieldRefusal(simulated.error) : refusal(simulated.error, c2p));
      }
      return;
    }
    answer.replaceChildren(simulationResult(simulated.data.me!.training!.c2p!.simulateC2PUse!));
    answer.querySelector<HTMLElement>('h2')?.focus();
  });
  return h('div', {}, form, answer);
}

function simulationResult(simulation: Simulation): HTMLElement {
  return h(
    'section',
    { 'data-result': 'c2p', 'aria-labelledby': 'titre-resultat' },
    h('h2', { id: 'titre-resultat', tabindex: '-1' }, 'Résultat de la simulation'),
    facts([
      ['Formation financée', euros(simulation.trainingAmount)],
      ['Trimestres de retraite', plural(simulation.retirementQuarters, 'trimestre')],
      ['Mi-temps sans perte de salaire', `${simulation.partTimeMonths} mois`],
      ['Points utilisés', plural(simulation.pointsUsed, 'point')],
      ['Points restants', `${plural(simulation.pointsLeft, 'point')}, dont ${plural(simulation.reservedForTrainingLeft, 'point réservé', 'points réservés')} à la formation`],
    ]),
    explanationView(simulation.explanation),
  );
}
