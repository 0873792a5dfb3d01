import { alert, badge, container, HOME, pageHeading, unavailableAgencies } from '../components.ts';
import { h } from '../dom.ts';
import { graphql } from '../graphql.ts';
import { AGENCIES } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import QUERY from '../../../operations/web/alertes.graphql?raw';


export interface Alert {
  id: string;
  kind: string;
  severity: 'INFO' | 'WARNING' | 'URGENT';
  agency: string;
  title: string;
  explanation: string;
  action: { label: string; url: string | null; mutation: string | null };
}

const SEVERITIES = {
  URGENT: { type: 'error', label: 'Urgent' },
  WARNING: { type: 'warning', label: 'À faire bientôt' },
  INFO: { type: 'info', label: 'Pour information' },
} as const;

/** Actions this app offers itself, by the mutation an alert names. */
const IN_APP_ACTIONS: Record<string, { label: string; path: string }> = {
  submitMonthlyUpdate: { label: 'Voir mon actualisation', path: 'emploi' },
};

function alertItem(item: Alert): HTMLElement {
  const severity = SEVERITIES[item.severity];
  const inApp = item.action.mutation ? IN_APP_ACTIONS[item.action.mutation] : undefined;
  return h(
    'li',
    { class: `fr-alert fr-alert--${severity.type} fr-mb-3w`, 'data-alert': item.kind },
    h('h2', { class: 'fr-alert__title' }, item.title),
    h('p', { class: 'fr-mb-1w' }, badge(severity.label, severity.type === 'error' ? 'error' : severity.type), ' ', AGENCIES[item.agency]?.name ?? item.agency),
    h('p', {}, item.explanation),
    h(
      'p',
      { class: 'fr-mt-1w' },
      item.action.url
        ? h('a', { class: 'fr-link', href: item.action.url, target: '_blank', rel: 'noopener', title: `${item.action.label} - nouvelle fenêtre` }, item.action.label)
        : h('span', {}, item.action.label),
      inApp ? [' · ', h('a', { class: 'fr-link', href: `/app/${inApp.path}` }, inApp.label)] : null,
    ),
  );
}

export async function alerts(): Promise<Rendered> {
  const { data, errors } = await graphql<{ me: { alerts: { items: Alert[]; unavailableAgencies: string[] } | null } }>(QUERY);
  const found = data.me.alerts;
  const heading = pageHeading('Mes alertes', {
    crumbs: [HOME],
    lead: 'Ce qu’il faut savoir ou faire maintenant, calculé à l’instant à partir de vos dossiers : un droit que vous semblez ne pas demander, une échéance, des points jamais utilisés.',
  });
  if (!found) {
    return {
      title: 'Mes alertes',
      content: container(heading, alert({ type: 'error', title: 'Alertes indisponibles', description: 'Vos alertes n’ont pas pu être calculées. Réessayez dans quelques instants.' })),
    };
  }
  return {
    title: 'Mes alertes',
    content: container(
      heading,
      unavailableAgencies(found.unavailableAgencies, errors, 'Alertes incomplètes', 'Les alertes qui dépendent de ce dossier ne sont pas calculées.'),
      found.items.length === 0
        ? h('p', {}, 'Aucune alerte : rien ne demande votre attention pour le moment.')
        : h('ul', { class: 'cdc-plain-list', 'aria-label': `${found.items.length} alerte${found.items.length > 1 ? 's' : ''}` }, found.items.map(alertItem)),
    ),
  };
}
