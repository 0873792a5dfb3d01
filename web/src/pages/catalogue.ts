import { count, euros, longDate, plural } from '../../../contract/french.ts';
import { alert, appLink, container, facts, failureNotice, HOME, loadingState, pageHeading, retryButton, SECTION_CRUMB } from '../components.ts';
import { h, uniqueId } from '../dom.ts';
import { outcome, readWholeNumber, select, textInput } from '../forms.ts';
import { graphql, mutate, sectionOf, type ApiError, type Section } from '../graphql.ts';
import { errorMessage, REGIONS, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import {
  AppCatalogueDocument as SEARCH,
  AppInscriptionFormationDocument as ENROL,
  AppSoldeCpfDocument as BALANCE,
} from '../operations.generated.ts';

const PER_PAGE = 10;

interface Session {
  id: string;
  startDate: string;
  endDate: string;
  status: 'OPEN' | 'CLOSED';
  seatsLeft: number;
}

interface Training {
  id: string;
  title: string;
  provider: string;
  price: number;
  hours: number;
  region: { name: string };
  sessions: Session[];
}

/** The CPF balance the page pays with: read, unknown to the Caisse des Dépôts, or failed. */
type Balance = Section<number>;

/** A key for one enrolment, made once and sent again on a retry (getRandomValues works without HTTPS, randomUUID does not). */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function refusal(error: ApiError): string {
  switch (error.extensions?.code) {
    case 'INSUFFICIENT_BALANCE':
      return 'Le solde de votre CPF ne couvre plus le prix de cette formation.';
    case 'SESSION_CLOSED':
      return 'Cette session ne prend plus d’inscriptions : choisissez-en une autre.';
    case 'UNKNOWN_TRAINING':
    case 'UNKNOWN_SESSION':
      return 'Cette formation ou cette session n’est plus au catalogue.';
    case 'NOT_KNOWN_TO_AGENCY':
      return 'La Caisse des Dépôts n’a pas de compte personnel de formation à votre nom.';
    case 'AGENCY_TIMEOUT':
    case 'AGENCY_UNAVAILABLE':
    case 'AGENCY_BAD_RESPONSE':
    case 'NETWORK_ERROR':
      return `${errorMessage(error, 'la Caisse des Dépôts')} Vous pouvez réessayer : vous ne serez pas débité deux fois.`;
    default:
      return 'L’inscription n’a pas pu être faite. Réessayez dans quelques instants.';
  }
}

/** Retrying is useful only when nothing was decided: the same key then debits at most once. */
const RETRYABLE = new Set(['AGENCY_TIMEOUT', 'AGENCY_UNAVAILABLE', 'AGENCY_BAD_RESPONSE', 'NETWORK_ERROR']);

function sessionLabel(session: Session): string {
  return `du ${longDate(session.startDate)} au ${longDate(session.endDate)}`;
}

/** Before anything is chosen: does the balance cover the price, what would remain to pay, or why one cannot enrol here. */
function coverage(training: Training, balance: Balance): HTMLElement {
  if (balance.state === 'unknown') {
    return h('p', { class: 'fr-mb-2w', 'data-coverage': 'no-cpf' }, 'Sans compte personnel de formation, vous ne pouvez pas vous inscrire ici.');
  }
  if (balance.state === 'error') {
    return h('p', { class: 'fr-mb-2w', 'data-coverage': 'unknown' }, 'Votre solde n’a pas pu être lu : l’inscription n’est pas proposée pour le moment.');
  }
  const left = balance.value - training.price;
  return left >= 0
    ? h('p', { class: 'fr-mb-2w', 'data-coverage': 'covered' }, `Votre solde CPF (${euros(balance.value)}) couvre ce prix : reste à payer 0 €. Il vous resterait ${euros(left)}.`)
    : h(
        'p',
        { class: 'fr-mb-2w', 'data-coverage': 'short' },
        `Votre solde CPF (${euros(balance.value)}) ne couvre pas ce prix : il manque ${euros(-left)}, à payer par un autre financement. L’inscription avec votre CPF n’est donc pas possible ici.`,
      );
}

/** A training of the results, which says again what the balance allows once it changed. */
interface ListedTraining {
  element: HTMLElement;
  /** Says again whether the balance covers it, and offers to enrol only then (an outcome shown stays). */
  refresh(): void;
}

/**
 * One training: its open sessions by date, each with an enrolment confirmed before paying, when
 * the balance covers it. `onBalanceChanged` learns the balance after an enrolment, or that it
 * must be read again after a refusal for want of it.
 */
function trainingItem(training: Training, balance: () => Balance, onBalanceChanged: (newBalance: number | null) => void): ListedTraining {
  const titleId = uniqueId('formation');
  const heading = h('h3', { class: 'fr-h5 fr-mb-1w', id: titleId, tabindex: '-1' }, training.title);
  const coverageArea = h('div', {});
  const sessionsList = h('ul', { class: 'cdc-plain-list' });
  const open = training.sessions.filter((session) => session.status === 'OPEN');

  /** Each session's « S’inscrire », shown only while the balance covers the price and no confirmation is open. */
  const chooseButtons: HTMLButtonElement[] = [];
  const covered = () => {
    const current = balance();
    return current.state === 'ok' && current.value >= training.price;
  };

  const sessionItem = (session: Session): HTMLElement => {
    const item = h('li', { class: 'fr-mb-2w', 'data-session-id': session.id });
    const seats = h('span', {}, plural(session.seatsLeft, 'place restante', 'places restantes'));
    // The visible words start the accessible name, which says which session (RGAA 6.1).
    const choose = h('button', { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button' }, 'S’inscrire', h('span', { class: 'fr-sr-only' }, ` à la session ${sessionLabel(session)}`));
    choose.hidden = !covered();
    chooseButtons.push(choose);
    item.append(h('p', { class: 'fr-mb-1w' }, `Session ${sessionLabel(session)} — `, seats), choose);
    choose.addEventListener('click', () => item.append(confirmation(session, choose, seats)));
    return item;
  };

  const confirmation = (session: Session, choose: HTMLButtonElement, seats: HTMLElement): HTMLElement => {
    const key = idempotencyKey();
    const paid = balance();
    const available = paid.state === 'ok' ? paid.value : 0;
    const result = outcome();
    const titleId = uniqueId('confirmation');
    const confirm = h('button', { class: 'fr-btn fr-btn--sm', type: 'button' }, `Confirmer et payer ${euros(training.price)} avec mon CPF`);
    const cancel = h('button', { class: 'fr-btn fr-btn--tertiary fr-btn--sm', type: 'button' }, 'Annuler');
    const panel = h(
      'div',
      { class: 'fr-p-2w cdc-confirmation', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'fr-text--bold fr-mb-1w', id: titleId, tabindex: '-1' }, 'Confirmer l’inscription'),
      h('p', { class: 'fr-mb-1w' }, `« ${training.title} », session ${sessionLabel(session)}.`),
      facts([
        ['Prix', euros(training.price)],
        ['Payé avec votre CPF', euros(training.price)],
        ['Reste à payer', euros(0)],
        ['Solde après l’inscription', euros(available - training.price)],
      ]),
      result.element,
      h('ul', { class: 'fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm' }, h('li', {}, confirm), h('li', {}, cancel)),
    );
    choose.hidden = true;
    choose.dataset['confirming'] = 'true';
    requestAnimationFrame(() => panel.querySelector<HTMLElement>(`#${titleId}`)?.focus());
    cancel.addEventListener('click', () => {
      panel.remove();
      delete choose.dataset['confirming'];
      choose.hidden = !covered();
      (choose.hidden ? heading : choose).focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      const enrolled = await mutate(ENROL, { input: { trainingId: training.id, sessionId: session.id, idempotencyKey: key } });
      if (!enrolled.ok) {
        const code = enrolled.error.extensions?.code ?? '';
        // A refusal is final for this session: no button invites to try it again.
        if (RETRYABLE.has(code)) confirm.disabled = false;
        else confirm.remove();
        cancel.textContent = RETRYABLE.has(code) ? 'Annuler' : 'Fermer';
        result.show('error', 'Inscription impossible.', refusal(enrolled.error));
        if (code === 'INSUFFICIENT_BALANCE') onBalanceChanged(null);
        return;
      }
      const receipt = enrolled.data.enrollInTraining;
      seats.textContent = receipt.session.status === 'OPEN' ? plural(receipt.session.seatsLeft, 'place restante', 'places restantes') : 'complète';
      panel.replaceChildren(result.element, h('p', {}, appLink(SECTIONS.training.path, 'Voir mon compte formation', { class: 'fr-link' })));
      result.show(
        'success',
        'Inscription confirmée.',
        `${euros(receipt.enrolment.amount)} ont été débités. Solde de votre compte personnel de formation : ${euros(receipt.balance)}.`,
      );
      onBalanceChanged(receipt.balance);
    });
    return panel;
  };

  const refresh = () => {
    coverageArea.replaceChildren(coverage(training, balance()));
    for (const choose of chooseButtons) choose.hidden = choose.dataset['confirming'] === 'true' || !covered();
  };
  sessionsList.replaceChildren(...open.map(sessionItem));
  refresh();
  const element = h(
    'li',
    {},
    h(
      'article',
      { class: 'cdc-message fr-p-3w fr-mb-3w', 'aria-labelledby': titleId, 'data-training-id': training.id },
      heading,
      h('p', { class: 'fr-mb-1w' }, `${training.provider} — ${training.region.name}`),
      h('p', { class: 'fr-mb-1w' }, h('strong', {}, euros(training.price)), ` · ${count(training.hours)} heures`),
      coverageArea,
      h('h4', { class: 'fr-text--md fr-mb-1w' }, 'Sessions ouvertes, par date'),
      sessionsList,
    ),
  );
  return { element, refresh };
}

async function readBalance(): Promise<Balance> {
  try {
    const { data, errors } = await graphql(BALANCE);
    const section = sectionOf(data.me!.training, errors, 'training');
    return section.state === 'ok' ? { state: 'ok', value: section.value.cpf.balance } : section;
  } catch {
    return { state: 'error', error: { message: 'Network error', extensions: { code: 'NETWORK_ERROR' } } };
  }
}

/**
 * The public catalogue, trainings one can enrol in only, each session by date; the CPF balance
 * read first, so that each training says before anything is chosen whether the balance covers
 * it, what would remain, or why one cannot enrol here.
 */
export async function catalogue(): Promise<Rendered> {
  let balance = await readBalance();
  const text = textInput({ label: 'Mots-clés', name: 'mots', hint: 'Intitulé, organisme, code de certification. Exemple : permis, Excel, CACES.' });
  const region = select({
    label: 'Région (facultatif)',
    name: 'region',
    placeholder: 'Toutes les régions',
    choices: REGIONS.map((entry) => ({ value: entry.code, label: entry.name })),
  });
  // Any region, the first choice, stays selectable.
  region.control.querySelector('option')!.disabled = false;
  region.control.querySelector('option')!.hidden = false;
  const maxPrice = textInput({ label: 'Prix maximum en euros (facultatif)', name: 'prix', hint: 'Un nombre entier. Exemple : 1500', type: 'text' });
  maxPrice.control.inputMode = 'numeric';
  const results = h('div', {});
  const status = h('div', { role: 'status', class: 'fr-mb-2w' });
  const more = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, 'Afficher plus de formations');
  more.hidden = true;
  let search: { text?: string; region?: string; maxPrice?: number; withOpenSession: true } = { withOpenSession: true };
  let page = 1;
  let listed: ListedTraining[] = [];
  const balanceArea = h('div', {}, balanceNotice(balance));
  const onBalanceChanged = async (newBalance: number | null) => {
    balance = newBalance === null ? await readBalance() : { state: 'ok', value: newBalance };
    balanceArea.replaceChildren(balanceNotice(balance));
    // Every training says again whether the balance covers it.
    for (const item of listed) item.refresh();
  };

  const load = async (reset: boolean) => {
    more.disabled = true;
    if (reset) results.setAttribute('aria-busy', 'true');
    status.replaceChildren(loadingState(reset ? 'Recherche en cours…' : 'Chargement de formations supplémentaires…'));
    const found = await mutate(SEARCH, { search, page, perPage: PER_PAGE });
    results.removeAttribute('aria-busy');
    more.disabled = false;
    if (!found.ok) {
      if (reset) results.replaceChildren();
      status.replaceChildren(failureNotice('La recherche n’a pas abouti', found.error, () => void load(reset), 'h3'));
      return;
    }
    const trainings = found.data.trainings;
    const items = trainings.items.map((training) => trainingItem(training, () => balance, (value) => void onBalanceChanged(value)));
    if (reset) {
      listed = items;
      status.replaceChildren(
        h(
          'p',
          { 'data-state': trainings.total === 0 ? 'empty' : 'results' },
          trainings.total === 0
            ? 'Aucune formation avec une session ouverte ne correspond à votre recherche : essayez d’autres mots ou une autre région.'
            : `${plural(trainings.total, 'formation trouvée', 'formations trouvées')}.`,
        ),
      );
      results.replaceChildren(h('ul', { class: 'cdc-plain-list' }, items.map((item) => item.element)));
    } else {
      listed.push(...items);
      status.replaceChildren();
      results.querySelector('ul')!.append(...items.map((item) => item.element));
      items[0]?.element.querySelector<HTMLElement>('h3')?.focus();
    }
    more.hidden = !trainings.hasNextPage;
  };

  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Rechercher une formation', novalidate: true, class: 'cdc-form fr-mb-4w' },
    text.group,
    region.group,
    maxPrice.group,
    h('button', { class: 'fr-btn', type: 'submit' }, 'Rechercher'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const price = maxPrice.control.value.trim() === '' ? null : readWholeNumber(maxPrice.control.value);
    const invalid = maxPrice.control.value.trim() !== '' && price === null;
    maxPrice.setError(invalid ? 'Indiquez un nombre entier d’euros, par exemple 1500.' : null);
    if (invalid) {
      maxPrice.control.focus();
      return;
    }
    search = {
      withOpenSession: true,
      ...(text.control.value.trim() ? { text: text.control.value.trim() } : {}),
      ...(region.control.value ? { region: region.control.value } : {}),
      ...(price !== null ? { maxPrice: price * 100 } : {}),
    };
    page = 1;
    await load(true);
  });
  more.addEventListener('click', async () => {
    page += 1;
    await load(false);
  });

  return {
    title: 'Trouver une formation',
    content: container(
      pageHeading('Trouver une formation', {
        crumbs: [HOME, SECTION_CRUMB.training],
        lead: 'Le catalogue public des formations éligibles au compte personnel de formation : seules celles qui ont une session ouverte. L’inscription est payée avec votre CPF.',
      }),
      balanceArea,
      form,
      h('section', { 'aria-labelledby': 'titre-resultats' }, h('h2', { id: 'titre-resultats' }, 'Résultats'), status, results, more),
    ),
  };
}

/** What the balance allows, said once at the top: how much it holds, or why enrolling is not offered. */
function balanceNotice(balance: Balance): HTMLElement {
  if (balance.state === 'ok') return h('p', { class: 'fr-mb-4w', 'data-balance': String(balance.value) }, `Solde de votre compte personnel de formation : `, h('strong', {}, euros(balance.value)), '.');
  if (balance.state === 'unknown') {
    return h(
      'div',
      { 'data-section-state': 'unknown' },
      alert({
        type: 'info',
        title: 'Aucun compte personnel de formation à votre nom',
        description: 'La Caisse des Dépôts ne connaît pas de CPF à votre nom : vous pouvez consulter le catalogue, mais pas vous inscrire avec un CPF.',
      }),
    );
  }
  // Marked as the other screens' unreadable sections, for styles and tests alike.
  return h(
    'div',
    { 'data-section-state': 'error' },
    alert({ type: 'warning', title: 'Solde indisponible', description: `${errorMessage(balance.error, 'la Caisse des Dépôts')} Vous pouvez consulter le catalogue ; l’inscription n’est pas proposée tant que le solde ne peut pas être lu.` }),
    retryButton(),
  );
}
