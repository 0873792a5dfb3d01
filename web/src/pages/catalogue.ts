import { appLink, badge, container, HOME, pageHeading, SECTION_CRUMB } from '../components.ts';
import { h, uniqueId } from '../dom.ts';
import { count, euros, longDate, plural } from '../../../contract/french.ts';
import { outcome, textInput } from '../forms.ts';
import { graphql, mutate, type ApiError } from '../graphql.ts';
import { errorMessage, SECTIONS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import SEARCH from '../../../operations/web/catalogue.graphql?raw';
import ENROL from '../../../operations/web/inscription-formation.graphql?raw';

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

interface SearchPage {
  total: number;
  hasNextPage: boolean;
  items: Training[];
}

interface Receipt {
  balance: number;
  replayed: boolean;
  enrolment: { id: string; amount: number; sessionStartsOn: string };
}

/** A key for one enrolment, made once and sent again on a retry (getRandomValues works without HTTPS, randomUUID does not). */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function refusal(error: ApiError): string {
  switch (error.extensions?.code) {
    case 'INSUFFICIENT_BALANCE':
      return 'Le solde de votre CPF ne couvre pas le prix de cette formation.';
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
      return `${errorMessage(error, 'la Caisse des Dépôts')} Vous pouvez réessayer : vous ne serez pas débité deux fois.`;
    default:
      return 'L’inscription n’a pas pu être faite. Réessayez dans quelques instants.';
  }
}

function sessionLabel(session: Session): string {
  return `du ${longDate(session.startDate)} au ${longDate(session.endDate)}`;
}

/** One session: open ones can be chosen, which asks for a confirmation before paying. */
function sessionItem(training: Training, session: Session): HTMLElement {
  const item = h('li', { class: 'fr-mb-2w' });
  const line = h(
    'p',
    { class: 'fr-mb-1w' },
    `Session ${sessionLabel(session)} — `,
    session.status === 'OPEN' ? `${plural(session.seatsLeft, 'place restante', 'places restantes')} ` : badge('Complète', 'info'),
  );
  item.append(line);
  if (session.status !== 'OPEN') return item;

  // The visible words start the accessible name, which says which session (RGAA 6.1).
  const choose = h(
    'button',
    { class: 'fr-btn fr-btn--secondary fr-btn--sm', type: 'button' },
    'S’inscrire',
    h('span', { class: 'fr-sr-only' }, ` à la session ${sessionLabel(session)}`),
  );
  item.append(choose);
  choose.addEventListener('click', () => {
    const key = idempotencyKey();
    const result = outcome();
    const titleId = uniqueId('confirmation');
    const confirm = h('button', { class: 'fr-btn fr-btn--sm', type: 'button' }, `Confirmer et payer ${euros(training.price)} avec mon CPF`);
    const cancel = h('button', { class: 'fr-btn fr-btn--tertiary fr-btn--sm', type: 'button' }, 'Annuler');
    const panel = h(
      'div',
      { class: 'fr-p-2w cdc-confirmation', role: 'group', 'aria-labelledby': titleId },
      h('p', { class: 'fr-text--bold fr-mb-1w', id: titleId, tabindex: '-1' }, 'Confirmer l’inscription'),
      h('p', { class: 'fr-mb-2w' }, `« ${training.title} », session ${sessionLabel(session)}. ${euros(training.price)} seront débités de votre compte personnel de formation.`),
      result.element,
      h('ul', { class: 'fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm' }, h('li', {}, confirm), h('li', {}, cancel)),
    );
    choose.replaceWith(panel);
    panel.querySelector<HTMLElement>(`#${titleId}`)?.focus();
    cancel.addEventListener('click', () => {
      panel.replaceWith(choose);
      choose.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      const enrolled = await mutate<{ enrollInTraining: Receipt }>(ENROL, { input: { trainingId: training.id, sessionId: session.id, idempotencyKey: key } });
      if (!enrolled.ok) {
        confirm.disabled = false;
        result.show('error', 'Inscription impossible.', refusal(enrolled.error));
        return;
      }
      const receipt = enrolled.data.enrollInTraining;
      panel.replaceChildren(result.element, h('p', {}, appLink(SECTIONS.training.path, 'Voir mon compte formation', { class: 'fr-link' })));
      result.show(
        'success',
        'Inscription confirmée.',
        `${euros(receipt.enrolment.amount)} ont été débités. Solde de votre compte personnel de formation : ${euros(receipt.balance)}.`,
      );
    });
  });
  return item;
}

function trainingItem(training: Training): HTMLElement {
  const titleId = uniqueId('formation');
  return h(
    'li',
    {},
    h(
      'article',
      { class: 'cdc-message fr-p-3w fr-mb-3w', 'aria-labelledby': titleId, 'data-training-id': training.id },
      h('h3', { class: 'fr-h5 fr-mb-1w', id: titleId }, training.title),
      h('p', { class: 'fr-mb-1w' }, `${training.provider} — ${training.region.name}`),
      h('p', { class: 'fr-mb-2w' }, h('strong', {}, euros(training.price)), ` · ${count(training.hours)} heures`),
      h('ul', { class: 'cdc-plain-list' }, training.sessions.map((session) => sessionItem(training, session))),
    ),
  );
}

export async function catalogue(): Promise<Rendered> {
  const text = textInput({ label: 'Mots-clés', name: 'mots', hint: 'Intitulé, organisme, code de certification. Exemple : permis, Excel, CACES.' });
  const maxPrice = textInput({ label: 'Prix maximum en euros (facultatif)', name: 'prix', hint: 'Un nombre entier. Exemple : 1500', type: 'text' });
  maxPrice.control.inputMode = 'numeric';
  const results = h('div', {});
  const status = h('p', { role: 'status', class: 'fr-mb-2w' });
  const more = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, 'Afficher plus de formations');
  more.hidden = true;
  let search: { text?: string; maxPrice?: number } = {};
  let page = 1;

  const load = async (reset: boolean) => {
    const { data } = await graphql<{ trainings: SearchPage }>(SEARCH, { search, page, perPage: PER_PAGE });
    const found = data.trainings;
    const items = found.items.map(trainingItem);
    if (reset) {
      status.textContent = found.total === 0 ? 'Aucune formation ne correspond à votre recherche.' : `${plural(found.total, 'formation trouvée', 'formations trouvées')}.`;
      results.replaceChildren(h('ul', { class: 'cdc-plain-list' }, items));
    } else {
      results.querySelector('ul')!.append(...items);
      items[0]?.querySelector<HTMLElement>('h3')?.setAttribute('tabindex', '-1');
      items[0]?.querySelector<HTMLElement>('h3')?.focus();
    }
    more.hidden = !found.hasNextPage;
  };

  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Rechercher une formation', novalidate: true, class: 'cdc-form fr-mb-4w' },
    text.group,
    maxPrice.group,
    h('button', { class: 'fr-btn', type: 'submit' }, 'Rechercher'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const price = maxPrice.control.value.trim().replace(/\s/g, '');
    const invalid = price !== '' && !/^\d+$/.test(price);
    maxPrice.setError(invalid ? 'Indiquez un nombre entier d’euros, par exemple 1500.' : null);
    if (invalid) {
      maxPrice.control.focus();
      return;
    }
    search = { ...(text.control.value.trim() ? { text: text.control.value.trim() } : {}), ...(price ? { maxPrice: Number(price) * 100 } : {}) };
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
        lead: 'Le catalogue public des formations éligibles au compte personnel de formation. L’inscription est payée avec votre CPF.',
      }),
      form,
      h('section', { 'aria-labelledby': 'titre-resultats' }, h('h2', { id: 'titre-resultats' }, 'Résultats'), status, results, more),
    ),
  };
}
