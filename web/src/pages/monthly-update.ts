import { count, euros, inMonth, longDate, ofMonth } from '../../../contract/french.ts';
import { appLink, facts } from '../components.ts';
import { h } from '../dom.ts';
import { outcome, radioGroup, readDecimal, reviewStep, textInput, type RadioGroup } from '../forms.ts';
import { mutate, type ApiError } from '../graphql.ts';
import { errorMessage } from '../labels.ts';
import { AppActualisationDocument as SUBMIT } from '../operations.generated.ts';

export interface MonthlyUpdate {
  period: string;
  opensOn: string;
  dueOn: string;
  status: 'DUE' | 'DONE';
  limits: { maxHoursWorked: number; maxGrossPay: number };
  declaration: Declaration | null;
}

export interface Declaration {
  recordedOn: string;
  worked: boolean;
  hoursWorked: number | null;
  grossPay: number | null;
  inTraining: boolean;
  onSickLeave: boolean;
  stillLookingForWork: boolean;
}

type Answers = Omit<Declaration, 'recordedOn'>;

const YES_NO = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

/** What was declared, as France Travail recorded it or as the person is about to send it. */
export function declarationFacts(period: string, answers: Answers): HTMLElement {
  return facts([
    [`Travail ${inMonth(period)}`, answers.worked ? `Oui : ${count(answers.hoursWorked ?? 0)} heures pour ${euros(answers.grossPay ?? 0)} brut` : 'Non'],
    ['Formation suivie', yesNo(answers.inTraining)],
    ['Arrêt maladie', yesNo(answers.onSickLeave)],
    ['Toujours à la recherche d’un emploi', yesNo(answers.stillLookingForWork)],
  ]);
}

/** The update made: what France Travail recorded and when, and how to have it corrected. */
export function declarationMade(period: string, declaration: Declaration): HTMLElement {
  return h(
    'div',
    { 'data-declaration': period },
    h('p', {}, `Actualisation ${ofMonth(period)} enregistrée par France Travail le ${longDate(declaration.recordedOn)}. Voici ce que vous avez déclaré :`),
    declarationFacts(period, declaration),
    h('p', {}, 'Une erreur ? ', appLink('messagerie?organisme=FRANCE_TRAVAIL', 'Écrivez à France Travail pour la faire corriger', { class: 'fr-link' }), '.'),
  );
}

/** The API's refusal, in words; an input it refuses is shown under its field instead. */
function refusal(error: ApiError): string {
  switch (error.extensions?.code) {
    case 'MONTHLY_UPDATE_ALREADY_DONE':
      return 'Cette actualisation est déjà faite.';
    case 'MONTHLY_UPDATE_PERIOD_NOT_OPEN':
      return 'Cette actualisation n’est plus ouverte.';
    case 'NOT_REGISTERED':
    case 'NOT_KNOWN_TO_AGENCY':
      return 'France Travail ne vous compte pas parmi les demandeurs d’emploi inscrits.';
    default:
      return errorMessage(error, 'France Travail');
  }
}

/**
 * The France Travail monthly update (actualisation) of the open period, question by question,
 * checked within the bounds the API gives, then reviewed before anything is sent. Hours and pay
 * are asked only of someone who worked. `onDone` reads the update back from France Travail.
 */
export function monthlyUpdateForm(update: MonthlyUpdate, onDone: () => Promise<void>): HTMLElement {
  const { period, limits } = update;
  const maxPay = limits.maxGrossPay / 100;
  const worked = radioGroup({ legend: `Avez-vous travaillé ${inMonth(period)}, même quelques heures ?`, name: 'travail', choices: YES_NO });
  const hours = textInput({ label: 'Heures travaillées dans le mois', name: 'heures', hint: `Un nombre, de 1 à ${count(limits.maxHoursWorked)}. Exemple : 35` });
  const pay = textInput({ label: 'Salaire brut du mois, en euros', name: 'salaire', hint: `Jusqu’à ${euros(limits.maxGrossPay)}. Exemple : 450,50` });
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
  const form = h(
    'form',
    { novalidate: true, class: 'cdc-form', 'aria-labelledby': 'titre-actualisation' },
    h('h3', { id: 'titre-actualisation' }, `Faire mon actualisation ${ofMonth(period)}`),
    h('p', { class: 'fr-hint-text' }, 'Toutes les questions sont obligatoires. Vous vérifierez vos réponses avant de les envoyer.'),
    result.element,
    worked.group,
    workDetails,
    training.group,
    sick.group,
    looking.group,
    h('button', { class: 'fr-btn', type: 'submit' }, 'Vérifier ma déclaration'),
  );
  const inputs = { 'input.hoursWorked': hours, 'input.grossPay': pay } as const;
  const fixes = {
    'input.hoursWorked': `Indiquez un nombre d’heures de 1 à ${count(limits.maxHoursWorked)} : un mois n’en compte pas plus.`,
    'input.grossPay': `Indiquez votre salaire brut du mois en euros, jusqu’à ${euros(limits.maxGrossPay)}, par exemple 450,50.`,
  } as const;
  const wrapper = h('div', {}, form);

  /** The answers, checked as the API will; null when one must be fixed (the first is focused). */
  const readAnswers = (): Answers | null => {
    const problems: Array<{ focus(): void }> = [];
    const answered = (question: RadioGroup) => {
      const missing = question.value() === null;
      question.setError(missing ? 'Répondez par oui ou par non.' : null);
      if (missing) problems.push(question);
    };
    answered(worked);
    const didWork = worked.value() === 'oui';
    const hoursValue = readDecimal(hours.control.value);
    const payValue = readDecimal(pay.control.value);
    const hoursProblem = didWork && (hoursValue === null || hoursValue <= 0 || hoursValue > limits.maxHoursWorked);
    const payProblem = didWork && (payValue === null || payValue <= 0 || payValue > maxPay);
    hours.setError(hoursProblem ? fixes['input.hoursWorked'] : null);
    pay.setError(payProblem ? fixes['input.grossPay'] : null);
    if (hoursProblem) problems.push(hours.control);
    if (payProblem) problems.push(pay.control);
    for (const question of [training, sick, looking]) answered(question);
    if (problems.length > 0) {
      problems[0]!.focus();
      return null;
    }
    return {
      worked: didWork,
      hoursWorked: didWork ? hoursValue : null,
      grossPay: didWork ? Math.round(payValue! * 100) : null,
      inTraining: training.value() === 'oui',
      onSickLeave: sick.value() === 'oui',
      stillLookingForWork: looking.value() === 'oui',
    };
  };

  const review = (answers: Answers) => {
    const { send, refused, close } = reviewStep(wrapper, form, {
      id: 'titre-verification',
      title: `Vérifiez votre actualisation ${ofMonth(period)}`,
      body: [h('p', {}, 'Rien n’est encore envoyé. Voici ce que vous allez déclarer à France Travail :'), declarationFacts(period, answers)],
      send: 'Envoyer à France Travail',
      edit: 'Modifier mes réponses',
      onEdit: () => {
        form.querySelector<HTMLElement>('h3')?.setAttribute('tabindex', '-1');
        form.querySelector<HTMLElement>('h3')?.focus();
      },
    });
    send.addEventListener('click', async () => {
      send.disabled = true;
      const sent = await mutate(SUBMIT, { input: { period, ...answers } });
      if (sent.ok) return onDone();
      const name = sent.error.extensions?.field as keyof typeof inputs;
      if (inputs[name]) {
        // Refused by the platform or France Travail: back to the answer to fix, said under it.
        close();
        inputs[name].setError(fixes[name]);
        inputs[name].control.focus();
        return;
      }
      send.disabled = sent.error.extensions?.code === 'MONTHLY_UPDATE_ALREADY_DONE';
      refused.show('error', 'Actualisation non enregistrée.', refusal(sent.error));
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.clear();
    const answers = readAnswers();
    if (answers) review(answers);
  });
  return wrapper;
}
