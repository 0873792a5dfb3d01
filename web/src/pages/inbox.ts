import { badge, capitalise, container, HOME, pageHeading, unavailableAgencies } from '../components.ts';
import { h, uniqueId } from '../dom.ts';
import { count, dateTime, plural } from '../../../contract/french.ts';
import { outcome, select, textArea, textInput } from '../forms.ts';
import { graphql, mutate, type ApiError } from '../graphql.ts';
import { AGENCIES, errorMessage } from '../labels.ts';
import { MARK_READ, SEND_MESSAGE } from '../mailbox-operations.ts';
import type { Rendered } from '../screen.ts';
import { AppMessagerieDocument as QUERY } from '../operations.generated.ts';


interface Message {
  id: string;
  agency: string;
  sentAt: string;
  sender: 'AGENCY' | 'CITIZEN';
  subject: string;
  body: string;
  read: boolean;
}

interface Inbox {
  unreadCount: number;
  unavailableAgencies: string[];
  /** The agencies holding a file on the person: the only ones one can write to. */
  recipients: string[];
  messages: Message[];
}

const SUBJECT_MAX = 200;
const BODY_MAX = 5000;

async function readInbox(): Promise<{ inbox: Inbox | null; errors: ApiError[] }> {
  const { data, errors } = await graphql(QUERY);
  return { inbox: data.me!.inbox, errors };
}

function summary(inbox: Inbox): string {
  const unread = inbox.unreadCount === 0 ? 'aucun non lu' : `dont ${plural(inbox.unreadCount, 'non lu', 'non lus')}`;
  return `${plural(inbox.messages.length, 'message')}, ${unread}.`;
}

/** The API's refusal of an action on a mailbox, in French. */
function refusal(error: ApiError, holder: string): string {
  switch (error.extensions?.code) {
    case 'NOT_KNOWN_TO_AGENCY':
      return `${holder.charAt(0).toUpperCase()}${holder.slice(1)} n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici.`;
    case 'BAD_USER_INPUT':
      return `Vérifiez l’objet (${count(SUBJECT_MAX)} caractères au plus) et le message (${count(BODY_MAX)} caractères au plus).`;
    case 'MESSAGE_NOT_FOUND':
      return 'Ce message n’existe plus dans la messagerie de l’organisme.';
    default:
      return errorMessage(error, holder);
  }
}

export async function inbox(): Promise<Rendered> {
  const first = await readInbox();
  const listArea = h('div', {});
  const status = h('p', { class: 'fr-sr-only', role: 'status' });

  const showMessages = ({ inbox: found, errors }: { inbox: Inbox | null; errors: ApiError[] }) => {
    if (!found) {
      listArea.replaceChildren(h('p', {}, 'Vos messages n’ont pas pu être lus. Réessayez dans quelques instants.'));
      return;
    }
    const counter = h('p', {}, summary(found));
    const markRead = async (message: Message, article: HTMLElement, button: HTMLButtonElement) => {
      const agency = AGENCIES[message.agency]!;
      button.disabled = true;
      const result = await mutate(MARK_READ[message.agency]!, { id: message.id });
      if (!result.ok) {
        button.disabled = false;
        const problem = h('p', { class: 'fr-error-text', tabindex: '-1' }, refusal(result.error, agency.holder));
        article.append(problem);
        problem.focus();
        return;
      }
      found.unreadCount -= 1;
      message.read = true;
      counter.textContent = summary(found);
      article.querySelector('.fr-badge')?.remove();
      button.remove();
      status.textContent = 'Message marqué comme lu.';
      article.querySelector<HTMLElement>('h3')?.focus();
    };
    const items = found.messages.map((message) => {
      const agency = AGENCIES[message.agency];
      const titleId = uniqueId('message');
      const fromAgency = message.sender === 'AGENCY';
      const button = h('button', { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button', 'aria-describedby': titleId }, 'Marquer comme lu');
      const article = h(
        'article',
        { class: 'cdc-message fr-p-3w fr-mb-3w', 'aria-labelledby': titleId, 'data-message-id': message.id },
        h('h3', { class: 'fr-h5 fr-mb-1w', id: titleId, tabindex: '-1' }, message.subject),
        h(
          'p',
          { class: 'fr-text--sm fr-mb-1w cdc-message__meta' },
          !message.read && fromAgency ? [badge('Non lu', 'new'), ' '] : null,
          `${fromAgency ? 'De' : 'À'} : ${agency?.name ?? message.agency} — ${dateTime(message.sentAt)}`,
        ),
        h('p', { class: 'fr-mb-1w cdc-message__body' }, message.body),
        !message.read && fromAgency ? button : null,
      );
      button.addEventListener('click', () => void markRead(message, article, button));
      return h('li', {}, article);
    });
    listArea.replaceChildren(
      unavailableAgencies(found.unavailableAgencies, errors, 'Messagerie incomplète', 'Ses messages ne figurent pas ci-dessous ; réessayez dans quelques instants.') ?? '',
      counter,
      found.messages.length === 0
        ? h('p', { 'data-state': 'empty' }, 'Aucun message : les organismes qui ont un dossier à votre nom ne vous ont pas encore écrit.')
        : h('ul', { class: 'cdc-plain-list' }, items),
    );
  };
  showMessages(first);

  return {
    title: 'Messagerie',
    content: container(
      pageHeading('Messagerie', { crumbs: [HOME], lead: 'Les messages de vos organismes, réunis en un seul endroit, du plus récent au plus ancien.' }),
      h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-messages' }, h('h2', { id: 'titre-messages' }, 'Mes messages'), listArea, status),
      h(
        'section',
        { 'aria-labelledby': 'titre-ecrire' },
        h('h2', { id: 'titre-ecrire' }, 'Écrire à un organisme'),
        first.inbox ? writeArea(first.inbox, async () => showMessages(await readInbox())) : h('p', {}, 'Vos messages n’ont pas pu être lus : réessayez dans quelques instants pour écrire.'),
      ),
    ),
  };
}

/**
 * Who one can write to: the agencies that hold a file, and only them; the others are named
 * with the reason they are not offered (no file, or not answering now).
 */
function writeArea(inbox: Inbox, onSent: () => Promise<void>): HTMLElement {
  const absent = Object.keys(AGENCIES).filter((agency) => !inbox.recipients.includes(agency));
  const reasons = absent.map((agency) => {
    const holder = AGENCIES[agency]!.holder;
    return inbox.unavailableAgencies.includes(agency)
      ? `${capitalise(holder)} ne répond pas pour le moment : réessayez plus tard pour lui écrire.`
      : `${capitalise(holder)} n’a pas de dossier à votre nom : vous ne pouvez pas lui écrire ici.`;
  });
  const notice = reasons.length === 0 ? null : h('div', { class: 'fr-callout fr-mb-3w', 'data-absent-agencies': absent.join(' ') }, h('ul', { class: 'fr-callout__text' }, reasons.map((reason) => h('li', {}, reason))));
  if (inbox.recipients.length === 0) {
    return h('div', {}, h('p', {}, 'Aucun organisme ne peut recevoir de message de votre part ici.'), notice);
  }
  return h('div', {}, h('p', {}, 'Vous pouvez écrire aux organismes qui ont un dossier à votre nom.'), notice, writeForm(inbox.recipients, onSent));
}

/** The agency asked for in the address (`?organisme=CAF`), when one can write to it: links from alerts land ready to write. */
function askedAgency(recipients: string[]): string {
  const asked = new URLSearchParams(location.search).get('organisme') ?? '';
  return recipients.includes(asked) ? asked : '';
}

function writeForm(recipients: string[], onSent: () => Promise<void>): HTMLElement {
  const agency = select({
    label: 'Organisme',
    name: 'organisme',
    placeholder: 'Choisir un organisme',
    choices: recipients.map((value) => ({ value, label: AGENCIES[value]!.name })),
  });
  agency.control.value = askedAgency(recipients);
  const subject = textInput({ label: 'Objet', name: 'objet', hint: `${count(SUBJECT_MAX)} caractères au plus.`, maxLength: SUBJECT_MAX });
  const body = textArea({ label: 'Message', name: 'message', hint: `${count(BODY_MAX)} caractères au plus.`, maxLength: BODY_MAX });
  const result = outcome();
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, 'Envoyer le message');
  const form = h('form', { novalidate: true, class: 'cdc-form' }, result.element, h('p', { class: 'fr-hint-text' }, 'Tous les champs sont obligatoires.'), agency.group, subject.group, body.group, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.clear();
    const checks = [
      [agency, agency.control.value === '' ? 'Choisissez l’organisme à qui écrire.' : null],
      [subject, subject.control.value.trim() === '' ? 'Indiquez l’objet de votre message.' : null],
      [body, body.control.value.trim() === '' ? 'Écrivez votre message.' : null],
    ] as const;
    for (const [field, message] of checks) field.setError(message);
    const invalid = checks.find(([, message]) => message !== null);
    if (invalid) {
      invalid[0].control.focus();
      return;
    }
    const chosen = AGENCIES[agency.control.value]!;
    const operation = SEND_MESSAGE[agency.control.value]!;
    submit.disabled = true;
    const sent = await mutate(operation, {
      input: { subject: subject.control.value.trim(), body: body.control.value.trim() },
    });
    submit.disabled = false;
    if (!sent.ok) {
      result.show('error', 'Message non envoyé.', refusal(sent.error, chosen.holder));
      return;
    }
    form.reset();
    await onSent();
    result.show('success', `Votre message a été envoyé à ${chosen.holder}.`, 'Il figure dans la liste de vos messages.');
  });
  return form;
}
