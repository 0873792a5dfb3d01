import { alert, container, HOME, loadingState, pageHeading, table, unavailableAgencies } from '../components.ts';
import { h } from '../dom.ts';
import { count, longDate, signedEuros } from '../../../contract/french.ts';
import { graphql, type ApiError } from '../graphql.ts';
import { AGENCIES } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppParcoursDocument as QUERY, type AppParcoursQuery } from '../operations.generated.ts';

const PAGE_SIZE = 20;


type Timeline = NonNullable<NonNullable<AppParcoursQuery['me']>['timeline']>;
type TimelineEvent = Timeline['edges'][number]['node'];

async function readPage(after: string | null): Promise<{ timeline: Timeline | null; errors: ApiError[] }> {
  const { data, errors } = await graphql(QUERY, { first: PAGE_SIZE, after });
  return { timeline: data.me!.timeline, errors };
}

function row(event: TimelineEvent): string[] {
  return [longDate(event.date), AGENCIES[event.agency]?.name ?? event.agency, event.title, event.amount === null ? '' : signedEuros(event.amount)];
}

export async function timeline(): Promise<Rendered> {
  const first = await readPage(null);
  const heading = pageHeading('Mon parcours', {
    crumbs: [HOME],
    lead: 'Votre histoire auprès de chaque organisme, du plus récent au plus ancien : carrière, droits ouverts et fermés, paiements, formations.',
  });
  if (!first.timeline) {
    return {
      title: 'Mon parcours',
      content: container(heading, alert({ type: 'error', title: 'Parcours indisponible', description: 'Votre parcours n’a pas pu être reconstitué. Réessayez dans quelques instants.' })),
    };
  }
  if (first.timeline.totalCount === 0) {
    return {
      title: 'Mon parcours',
      content: container(
        heading,
        unavailableAgencies(first.timeline.unavailableAgencies, first.errors, 'Parcours incomplet', 'Ses événements manquent ; réessayez dans quelques instants.'),
        h(
          'p',
          { 'data-state': 'empty' },
          first.timeline.unavailableAgencies.length === 0
            ? 'Aucun événement : aucun organisme n’a encore de dossier à votre nom. Votre parcours se remplira avec votre premier emploi, votre première inscription ou votre premier droit.'
            : 'Aucun événement pour le moment chez les organismes qui ont répondu.',
        ),
      ),
    };
  }
  const events = table({
    caption: `Événements (${count(first.timeline.totalCount)} au total)`,
    columns: ['Date', 'Organisme', 'Événement', 'Montant'],
    numeric: [3],
    rows: first.timeline.edges.map((edge) => row(edge.node)),
  });
  const body = events.querySelector('tbody')!;
  let cursor = first.timeline.pageInfo.endCursor;
  const more = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, 'Afficher les événements plus anciens');
  const status = h('p', { class: 'fr-sr-only', role: 'status' });
  more.hidden = !first.timeline.pageInfo.hasNextPage;
  const problem = h('div', {});
  more.addEventListener('click', async () => {
    more.disabled = true;
    problem.replaceChildren(loadingState('Chargement des événements plus anciens…'));
    const next = await readPage(cursor).catch(() => null);
    more.disabled = false;
    if (!next?.timeline) {
      problem.replaceChildren(alert({ type: 'error', title: 'Événements plus anciens indisponibles', description: 'Ils n’ont pas pu être lus : vérifiez votre connexion, puis réessayez avec le même bouton.' }));
      return;
    }
    problem.replaceChildren();
    const rows = next.timeline.edges.map((edge) => h('tr', {}, row(edge.node).map((content, index) => h('td', index === 3 ? { class: 'cdc-numeric' } : {}, content))));
    body.append(...rows);
    cursor = next.timeline.pageInfo.endCursor;
    more.hidden = !next.timeline.pageInfo.hasNextPage;
    status.textContent = `${rows.length} événements plus anciens affichés.`;
    // The reader carries on from the first event added.
    const firstAdded = rows[0]?.querySelector('td');
    if (firstAdded) {
      firstAdded.tabIndex = -1;
      firstAdded.focus();
    }
  });
  return {
    title: 'Mon parcours',
    content: container(
      heading,
      unavailableAgencies(
        first.timeline.unavailableAgencies,
        first.errors,
        'Parcours incomplet',
        'Les événements de cet organisme ne figurent pas ci-dessous ; réessayez dans quelques instants.',
      ),
      events,
      problem,
      more,
      status,
    ),
  };
}
