import franceConnectPictogram from '@gouvfr/dsfr/dist/artwork/pictograms/system/padlock.svg?no-inline';
import { container } from '../components.ts';
import { h, pictogram } from '../dom.ts';
import type { Rendered } from '../screen.ts';

/** Signed out: the FranceConnect button starts the gateway's login, which comes back to `returnTo`. */
export function login(returnTo: string): Rendered {
  const href = `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  return {
    title: 'Connexion',
    content: container(
      h(
        'div',
        { class: 'fr-grid-row fr-grid-row--gutters fr-grid-row--middle' },
        h(
          'div',
          { class: 'fr-col-12 fr-col-md-8' },
          h('h1', { tabindex: '-1' }, 'Connexion à Compte des comptes'),
          h(
            'p',
            { class: 'fr-text--lead' },
            'Retrouvez en un seul endroit vos droits à la formation, votre carrière et votre retraite, vos prestations familiales et votre situation à France Travail.',
          ),
          h('p', {}, 'Chaque information est lue auprès de l’organisme qui la détient, au moment où vous la consultez. Compte des comptes n’en conserve aucune.'),
          h('h2', { class: 'fr-h4' }, 'Se connecter avec FranceConnect'),
          h('p', {}, 'FranceConnect vous permet d’utiliser un compte que vous avez déjà (impots.gouv.fr, ameli.fr, l’Identité Numérique La Poste…).'),
          h(
            'div',
            { class: 'fr-connect-group' },
            h('a', { class: 'fr-connect', href }, h('span', { class: 'fr-connect__login' }, 'S’identifier avec'), ' ', h('span', { class: 'fr-connect__brand' }, 'FranceConnect')),
            h(
              'p',
              {},
              h(
                'a',
                { href: 'https://franceconnect.gouv.fr/', target: '_blank', rel: 'noopener', title: 'Qu’est-ce que FranceConnect ? - nouvelle fenêtre' },
                'Qu’est-ce que FranceConnect ?',
              ),
            ),
          ),
        ),
        h('div', { class: 'fr-col-12 fr-col-md-4 cdc-center' }, pictogram(franceConnectPictogram, 160)),
      ),
    ),
  };
}
