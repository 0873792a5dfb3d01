import { AppJournalDocument as QUERY, type AppJournalQuery } from '../operations.generated.ts';
import { alert, appLink, container, HOME, loadingState, pageHeading, table } from '../components.ts';
import { h } from '../dom.ts';
import { dateTime } from '../../../contract/french.ts';
import { graphql } from '../graphql.ts';
import { PLATFORM_PURPOSES, PURPOSES, sectionList, THIRD_PARTY_KINDS } from '../labels.ts';
import type { Rendered } from '../screen.ts';

const PAGE_SIZE = 20;

type Journal = NonNullable<NonNullable<AppJournalQuery['me']>['accessJournal']>;
type Entry = Journal['edges'][number]['node'];

async function readPage(after: string | null): Promise<Journal | null> {
  const { data } = await graphql(QUERY, { first: PAGE_SIZE, after });
  return data.me!.accessJournal;
}

function row(entry: Entry): string[] {
  return [
    dateTime(entry.readAt),
    `${entry.reader.name} (${THIRD_PARTY_KINDS[entry.reader.kind] ?? entry.reader.kind})`,
    `${PURPOSES[entry.purpose.code] ?? PLATFORM_PURPOSES[entry.purpose.code] ?? entry.purpose.code} — « ${entry.purpose.text} »`,
    sectionList(entry.sections),
  ];
}

export async function journal(): Promise<Rendered> {
  const first = await readPage(null);
  const heading = pageHeading('Journal des accès', {
    crumbs: [HOME],
    lead: 'Chaque fois qu’un organisme que vous avez autorisé lit vos données, c’est inscrit ici avant qu’il ne les reçoive : qui, pour quel motif, quelles informations, quand. Vous seul pouvez lire ce journal.',
  });
  const manage = h('p', {}, appLink('partage', 'Gérer mes autorisations', { class: 'fr-link' }));
  if (!first) {
    return {
      title: 'Journal des accès',
      content: container(heading, alert({ type: 'error', title: 'Journal indisponible', description: 'Votre journal des accès n’a pas pu être lu. Réessayez dans quelques instants.' })),
    };
  }
  if (first.edges.length === 0) {
    return {
      title: 'Journal des accès',
      content: container(heading, h('p', { 'data-state': 'empty' }, 'Aucun organisme n’a lu vos données.'), manage),
    };
  }
  const entries = table({
    caption: 'Lectures de vos données, de la plus récente à la plus ancienne',
    columns: ['Date', 'Organisme', 'Motif', 'Informations lues'],
    rows: first.edges.map((edge) => row(edge.node)),
  });
  const body = entries.querySelector('tbody')!;
  let cursor = first.pageInfo.endCursor;
  const more = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button' }, 'Afficher les accès plus anciens');
  const status = h('p', { class: 'fr-sr-only', role: 'status' });
  more.hidden = !first.pageInfo.hasNextPage;
  const problem = h('div', {});
  more.addEventListener('click', async () => {
    more.disabled = true;
    problem.replaceChildren(loadingState('Chargement des accès plus anciens…'));
    const next = await readPage(cursor).catch(() => null);
    more.disabled = false;
    if (!next) {
      problem.replaceChildren(alert({ type: 'error', title: 'Accès plus anciens indisponibles', description: 'Ils n’ont pas pu être lus : vérifiez votre connexion, puis réessayez avec le même bouton.' }));
      return;
    }
    problem.replaceChildren();
    const rows = next.edges.map((edge) => h('tr', {}, row(edge.node).map((content) => h('td', {}, content))));
    body.append(...rows);
    cursor = next.pageInfo.endCursor;
    more.hidden = !next.pageInfo.hasNextPage;
    status.textContent = `${rows.length} accès plus anciens affichés.`;
    const firstAdded = rows[0]?.querySelector('td');
    if (firstAdded) {
      firstAdded.tabIndex = -1;
      firstAdded.focus();
    }
  });
  return { title: 'Journal des accès', content: container(heading, manage, entries, problem, more, status) };
}
