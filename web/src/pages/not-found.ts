import { appLink, container, pageHeading } from '../components.ts';
import { h } from '../dom.ts';
import type { Rendered } from '../screen.ts';

export async function notFound(): Promise<Rendered> {
  return {
    title: 'Page introuvable',
    content: container(
      pageHeading('Page introuvable', { lead: 'La page que vous cherchez n’existe pas ou a été déplacée.' }),
      h('p', {}, appLink('', 'Retour au tableau de bord', { class: 'fr-link fr-icon-arrow-left-line fr-link--icon-left' })),
    ),
  };
}

/** The whole request failed (network, gateway): nothing could be read. */
export function failure(): Rendered {
  return {
    title: 'Service indisponible',
    content: container(
      pageHeading('Service momentanément indisponible', {
        lead: 'Votre compte n’a pas pu être lu. Vérifiez votre connexion à internet, puis réessayez dans quelques instants.',
      }),
      h('button', { class: 'fr-btn', type: 'button', on: { click: () => window.dispatchEvent(new CustomEvent('app:refresh')) } }, 'Réessayer'),
    ),
  };
}
