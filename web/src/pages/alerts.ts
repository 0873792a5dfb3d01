import { alert, appLink, badge, container, HOME, pageHeading, unavailableAgencies } from '../components.ts';
import { h } from '../dom.ts';
import { graphql } from '../graphql.ts';
import { AGENCIES, SECTIONS, SIMULATORS } from '../labels.ts';
import type { Rendered } from '../screen.ts';
import { AppAlertesDocument as QUERY } from '../operations.generated.ts';


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

/**
 * Where this app does what an alert suggests, by kind: the action leads there, in the alert's
 * own words. Others (the prime d'activité is claimed at the CAF) open the page the API names.
 */
function inAppPath(item: Alert): string | null {
  switch (item.kind) {
    case 'MONTHLY_UPDATE_DUE':
      return SECTIONS.employment.path;
    case 'C2P_POINTS_UNUSED':
      return SIMULATORS.c2p;
    case 'CPF_NEAR_CAP':
      return 'formations';
    case 'BENEFIT_ENDING':
      return `messagerie?organisme=${item.agency}`;
    default:
      return null;
  }
}

/** The alert's action: into the app where it can be done here, else to the page the API names. */
export function alertAction(item: Alert): HTMLElement {
  const path = inAppPath(item);
  if (path !== null) return appLink(path, item.action.label, { class: 'fr-link fr-icon-arrow-right-line fr-link--icon-right' });
  if (item.action.url) {
    return h('a', { class: 'fr-link', href: item.action.url, target: '_blank', rel: 'noopener', title: `${item.action.label} - nouvelle fenêtre` }, item.action.label);
  }
  return h('span', {}, item.action.label);
}

function alertItem(item: Alert): HTMLElement {
  const severity = SEVERITIES[item.severity];
  return h(
    'li',
    { class: `fr-alert fr-alert--${severity.type} fr-mb-3w`, 'data-alert': item.kind },
    h('h2', { class: 'fr-alert__title' }, item.title),
    h('p', { class: 'fr-mb-1w' }, badge(severity.label, severity.type === 'error' ? 'error' : severity.type), ' ', AGENCIES[item.agency]?.name ?? item.agency),
    h('p', {}, item.explanation),
    h('p', { class: 'fr-mt-1w' }, alertAction(item)),
  );
}

export async function alerts(): Promise<Rendered> {
  const { data, errors } = await graphql(QUERY);
  const found = data.me!.alerts;
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
        ? h('p', { 'data-state': 'empty' }, 'Aucune alerte : rien ne demande votre attention pour le moment. Les alertes se calculent à chaque visite à partir de vos dossiers.')
        : h('ul', { class: 'cdc-plain-list', 'aria-label': `${found.items.length} alerte${found.items.length > 1 ? 's' : ''}` }, found.items.map(alertItem)),
    ),
  };
}
