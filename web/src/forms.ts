// DSFR form fields with their label, hint and error message tied to the control (RGAA 11).

import { h, uniqueId, type Child } from './dom.ts';

export interface Field<C extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> {
  group: HTMLElement;
  control: C;
  /** Shows `message` under the field and links it to the control; `null` clears it. */
  setError(message: string | null): void;
}

function field<C extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
  control: C,
  groupClass: string,
  label: string,
  hint: string | undefined,
): Field<C> {
  const id = uniqueId('champ');
  control.id = id;
  const errorId = `${id}-erreur`;
  const error = h('p', { class: 'fr-error-text', id: errorId });
  error.hidden = true;
  const group = h(
    'div',
    { class: `${groupClass} fr-mb-3w` },
    h('label', { class: 'fr-label', for: id }, label, hint ? h('span', { class: 'fr-hint-text' }, hint) : null),
    control,
    error,
  );
  const controlErrorClass = groupClass === 'fr-select-group' ? 'fr-select--error' : 'fr-input--error';
  return {
    group,
    control,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = message === null;
      group.classList.toggle(`${groupClass}--error`, message !== null);
      control.classList.toggle(controlErrorClass, message !== null);
      if (message === null) {
        control.removeAttribute('aria-describedby');
        control.removeAttribute('aria-invalid');
      } else {
        control.setAttribute('aria-describedby', errorId);
        control.setAttribute('aria-invalid', 'true');
      }
    },
  };
}

export function textInput(options: { label: string; name: string; hint?: string; maxLength?: number; type?: string; autocomplete?: string }): Field<HTMLInputElement> {
  const control = h('input', {
    class: 'fr-input',
    name: options.name,
    type: options.type ?? 'text',
    maxlength: options.maxLength,
    autocomplete: options.autocomplete ?? 'off',
  });
  return field(control, 'fr-input-group', options.label, options.hint);
}

export function textArea(options: { label: string; name: string; hint?: string; maxLength?: number; rows?: number }): Field<HTMLTextAreaElement> {
  const control = h('textarea', { class: 'fr-input', name: options.name, maxlength: options.maxLength, rows: options.rows ?? 6 });
  return field(control, 'fr-input-group', options.label, options.hint);
}

export function select(options: { label: string; name: string; hint?: string; placeholder: string; choices: Array<{ value: string; label: string }> }): Field<HTMLSelectElement> {
  const control = h(
    'select',
    { class: 'fr-select', name: options.name },
    h('option', { value: '', selected: true, disabled: true, hidden: true }, options.placeholder),
    options.choices.map((choice) => h('option', { value: choice.value }, choice.label)),
  );
  return field(control, 'fr-select-group', options.label, options.hint);
}

export interface Outcome {
  element: HTMLElement;
  show(type: 'success' | 'error', title: string, description?: string): void;
  clear(): void;
}

/** A place for the outcome of a form: announced, and focused so the reader lands on it. */
export function outcome(): Outcome {
  const element = h('div', { tabindex: '-1', class: 'cdc-outcome' });
  return {
    element,
    show(type, title, description) {
      element.replaceChildren(
        h(
          'div',
          { class: `fr-alert fr-alert--${type} fr-alert--sm fr-mb-3w`, role: type === 'error' ? 'alert' : 'status' },
          h('p', {}, h('strong', {}, title), description ? ` ${description}` : null),
        ),
      );
      element.focus();
    },
    clear() {
      element.replaceChildren();
    },
  };
}

export interface RadioGroup {
  group: HTMLFieldSetElement;
  /** The value checked, or null. */
  value(): string | null;
  setError(message: string | null): void;
  focus(): void;
  onChange(listener: (value: string) => void): void;
}

/** A question answered by one choice: a fieldset whose legend is the question. */
export function radioGroup(options: { legend: string; name: string; choices: Array<{ value: string; label: string }>; inline?: boolean }): RadioGroup {
  const id = uniqueId('question');
  const messages = h('div', { class: 'fr-messages-group', id: `${id}-messages`, 'aria-live': 'polite' });
  const inputs = options.choices.map((choice, index) => h('input', { type: 'radio', id: `${id}-${index}`, name: options.name, value: choice.value }));
  const group = h(
    'fieldset',
    { class: 'fr-fieldset', id, 'aria-labelledby': `${id}-legend ${id}-messages` },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular', id: `${id}-legend` }, options.legend),
    options.choices.map((choice, index) =>
      h(
        'div',
        { class: `fr-fieldset__element${options.inline === false ? '' : ' fr-fieldset__element--inline'}` },
        h('div', { class: 'fr-radio-group' }, inputs[index]!, h('label', { class: 'fr-label', for: `${id}-${index}` }, choice.label)),
      ),
    ),
    messages,
  );
  const setError = (message: string | null) => {
    group.classList.toggle('fr-fieldset--error', message !== null);
    messages.replaceChildren(message === null ? '' : h('p', { class: 'fr-message fr-message--error' }, message));
    for (const input of inputs) {
      if (message === null) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    }
  };
  // Answering is what the error asked for: it goes at once.
  for (const input of inputs) input.addEventListener('change', () => setError(null));
  return {
    group,
    value: () => inputs.find((input) => input.checked)?.value ?? null,
    setError,
    focus: () => (inputs.find((input) => input.checked) ?? inputs[0])?.focus(),
    onChange(listener) {
      for (const input of inputs) input.addEventListener('change', () => listener(input.value));
    },
  };
}

export interface CheckboxGroup {
  group: HTMLFieldSetElement;
  /** Replaces the choices (all unchecked); none shows `empty` instead. */
  setChoices(choices: Array<{ value: string; label: string; hint?: string }>, empty: string): void;
  values(): string[];
  setError(message: string | null): void;
  focus(): void;
}

/** Several choices under one question: a fieldset of checkboxes. */
export function checkboxGroup(options: { legend: string; name: string }): CheckboxGroup {
  const id = uniqueId('choix');
  const messages = h('div', { class: 'fr-messages-group', id: `${id}-messages`, 'aria-live': 'polite' });
  const body = h('div', {});
  let inputs: HTMLInputElement[] = [];
  const group = h(
    'fieldset',
    { class: 'fr-fieldset', id, 'aria-labelledby': `${id}-legend ${id}-messages` },
    h('legend', { class: 'fr-fieldset__legend fr-fieldset__legend--regular', id: `${id}-legend` }, options.legend),
    body,
    messages,
  );
  const setError = (message: string | null) => {
    group.classList.toggle('fr-fieldset--error', message !== null);
    messages.replaceChildren(message === null ? '' : h('p', { class: 'fr-message fr-message--error' }, message));
  };
  return {
    group,
    setChoices(choices, empty) {
      inputs = choices.map((choice, index) => h('input', { type: 'checkbox', id: `${id}-${index}`, name: options.name, value: choice.value }));
      for (const input of inputs) input.addEventListener('change', () => setError(null));
      body.replaceChildren(
        ...(choices.length === 0
          ? [h('p', { class: 'fr-fieldset__element fr-hint-text' }, empty)]
          : choices.map((choice, index) =>
              h(
                'div',
                { class: 'fr-fieldset__element' },
                h(
                  'div',
                  { class: 'fr-checkbox-group' },
                  inputs[index]!,
                  h('label', { class: 'fr-label', for: `${id}-${index}` }, choice.label, choice.hint ? h('span', { class: 'fr-hint-text' }, choice.hint) : null),
                ),
              ),
            )),
      );
    },
    values: () => inputs.filter((input) => input.checked).map((input) => input.value),
    setError,
    focus: () => inputs[0]?.focus(),
  };
}

/** `12` or ` 1 200 ` → the whole number; anything else (a sign, decimals, words) → null. */
export function readWholeNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '');
  return /^\d+$/.test(normalised) ? Number(normalised) : null;
}

/** `450,50` or `450.50` → 450.5, at most two decimals; anything else → null. */
export function readDecimal(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(normalised) ? Number(normalised) : null;
}

export interface ReviewStep {
  panel: HTMLElement;
  /** Sends: the panel's first button. */
  send: HTMLButtonElement;
  /** Where the refusal of the sending is said. */
  refused: Outcome;
  /** Back to the form, the panel gone. */
  close(): void;
}

/**
 * The review step of a form: the form hides, a panel shows what will be sent with « send » and
 * « edit » buttons, and takes the focus; « edit » goes back to the form and calls `onEdit`.
 */
export function reviewStep(
  wrapper: HTMLElement,
  form: HTMLFormElement,
  options: { id: string; title: string; body: Child[]; send: string; edit: string; onEdit: () => void },
): ReviewStep {
  const refused = outcome();
  const send = h('button', { class: 'fr-btn', type: 'button' }, options.send);
  const edit = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, options.edit);
  const panel = h(
    'div',
    { class: 'fr-p-3w cdc-confirmation', role: 'group', 'aria-labelledby': options.id },
    h('h3', { id: options.id, tabindex: '-1' }, options.title),
    options.body,
    refused.element,
    h('ul', { class: 'fr-btns-group fr-btns-group--inline-md' }, h('li', {}, send), h('li', {}, edit)),
  );
  form.hidden = true;
  wrapper.append(panel);
  panel.querySelector<HTMLElement>('h3')?.focus();
  const close = () => {
    panel.remove();
    form.hidden = false;
  };
  edit.addEventListener('click', () => {
    close();
    options.onEdit();
  });
  return { panel, send, refused, close };
}
