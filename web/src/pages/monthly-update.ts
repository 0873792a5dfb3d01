import { h } from '../dom.ts';
import { count, euros, inMonth, longDate, ofMonth } from '../../../contract/french.ts';
import { outcome, radioGroup, textInput, type RadioGroup } from '../forms.ts';
import { mutate, type ApiError } from '../graphql.ts';
import { errorMessage } from '../labels.ts';
import SUBMIT from '../../../operations/web/actualisation.graphql?raw';


const MAX_HOURS = 744; // hours in a 31-day month

const YES_NO = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

function refusal(error: ApiError): string {
  switch (error.extensions?.code) {
    case 'MONTHLY_UPDATE_ALREADY_DONE':
      return 'Cette actualisation est déjà faite.';
    case 'MONTHLY_UPDATE_PERIOD_NOT_OPEN':
      return 'Cette actualisation n’est plus ouverte.';
    case 'NOT_REGISTERED':
    case 'NOT_KNOWN_TO_AGENCY':
      return 'France Travail ne vous compte pas parmi les demandeurs d’emploi inscrits.';
    case 'BAD_USER_INPUT':
      return `Vérifiez vos réponses. ${error.message}`;
    default:
      return errorMessage(error, 'France Travail');
  }
}

/**
 * The France Travail monthly update (actualisation) of the open period, question by question.
 * Hours and pay are asked only of someone who worked.
 */
export function monthlyUpdateForm(period: string, onDone: (recordedOn: string) => void): HTMLElement {
  const worked = radioGroup({ legend: `Avez-vous travaillé ${inMonth(period)}, même quelques heures ?`, name: 'travail', choices: YES_NO });
  const hours = textInput({ label: 'Heures travaillées dans le mois', name: 'heures', hint: `Un nombre, de 1 à ${count(MAX_HOURS)}. Exemple : 35` });
  const pay = textInput({ label: 'Salaire brut du mois, en euros', name: 'salaire', hint: 'Exemple : 450,50' });
  hours.control.inputMode = 'decimal';
  pay.control.inputMode = 'decimal';
  const workDetails = h('div', {}, hours.group, pay.group);
  workDetails.hidden = true;
  worked.onChange((value) => {
    workDetails.hidden = value !== 'oui';
  });
  const training = radioGroup({ legend: 'Avez-vous suivi une formation ?', name: 'formation', choices: YES_NO });
  const sick = radioGroup({ legend: 'Avez-vous été en arrêt maladie ?', name: 'maladie', choices: YES_NO });
  const looking = radioGroup({ legend: 'Êtes-vous toujours à la recherche d’un emploi ?', name: 'recherche', choices: YES_NO });
  const result = outcome();
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Envoyer mon actualisation');
  const form = h(
    'form',
    { novalidate: true, class: 'cdc-form', 'aria-labelledby': 'titre-actualisation' },
    h('h3', { id: 'titre-actualisation' }, `Faire mon actualisation ${ofMonth(period)}`),
    h('p', { class: 'fr-hint-text' }, 'Toutes les questions sont obligatoires.'),
    result.element,
    worked.group,
    workDetails,
    training.group,
    sick.group,
    looking.group,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const problems: Array<{ focus(): void }> = [];
    const answered = (question: RadioGroup) => {
      const missing = question.value() === null;
      question.setError(missing ? 'Répondez par oui ou par non.' : null);
      if (missing) problems.push(question);
    };
    answered(worked);
    const didWork = worked.value() === 'oui';
    const hoursValue = parseNumber(hours.control.value);
    const payValue = parseNumber(pay.control.value);
    const hoursProblem = !didWork ? null : hoursValue === null || hoursValue <= 0 || hoursValue > MAX_HOURS ? `Indiquez un nombre d’heures de 1 à ${count(MAX_HOURS)}.` : null;
    const payProblem = !didWork ? null : payValue === null || payValue < 0 ? 'Indiquez votre salaire brut en euros, par exemple 450,50.' : null;
    hours.setError(hoursProblem);
    pay.setError(payProblem);
    if (hoursProblem) problems.push(hours.control);
    if (payProblem) problems.push(pay.control);
    for (const question of [training, sick, looking]) answered(question);
    if (problems.length > 0) {
      problems[0]!.focus();
      return;
    }
    submit.disabled = true;
    const sent = await mutate<{ submitMonthlyUpdate: { recordedOn: string } }>(SUBMIT, {
      input: {
        period,
        worked: didWork,
        ...(didWork ? { hoursWorked: hoursValue, grossPay: Math.round(payValue! * 100) } : {}),
        inTraining: training.value() === 'oui',
        onSickLeave: sick.value() === 'oui',
        stillLookingForWork: looking.value() === 'oui',
      },
    });
    submit.disabled = false;
    if (!sent.ok) {
      result.show('error', 'Actualisation non enregistrée.', refusal(sent.error));
      return;
    }
    const recordedOn = sent.data.submitMonthlyUpdate.recordedOn;
    const summary = didWork ? ` Vous avez déclaré ${count(hoursValue!)} heures pour ${euros(Math.round(payValue! * 100))} brut.` : '';
    const done = h(
      'div',
      { class: 'fr-alert fr-alert--success fr-mb-3w', role: 'status', tabindex: '-1' },
      h('h3', { class: 'fr-alert__title' }, `Actualisation ${ofMonth(period)} enregistrée`),
      h('p', {}, `France Travail l’a enregistrée le ${longDate(recordedOn)}.${summary}`),
    );
    form.replaceWith(done);
    done.focus();
    onDone(recordedOn);
  });
  return form;
}

/** `450,50` or `450.50` → 450.5; anything else → null. */
function parseNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(normalised) ? Number(normalised) : null;
}
