// The header's dynamic parts: main navigation and session tools, shown once signed in.

import { BASE } from './components.ts';
import { h } from './dom.ts';
import { SECTIONS } from './labels.ts';

interface NavLink {
  label: string;
  path: string;
}
interface NavMenu {
  label: string;
  links: NavLink[];
}

const NAVIGATION: Array<NavLink | NavMenu> = [
  { label: 'Tableau de bord', path: '' },
  { label: 'Mes droits', links: Object.values(SECTIONS).map((section) => ({ label: section.title, path: section.path })) },
  { label: 'Trouver une formation', path: 'formations' },
  { label: 'Mon parcours', path: 'parcours' },
  { label: 'Messagerie', path: 'messagerie' },
  { label: 'Mes alertes', path: 'alertes' },
  {
    label: 'Mes données',
    links: [
      { label: 'Déclarer un changement', path: 'changement' },
      { label: 'Partage de mes données', path: 'partage' },
      { label: 'Journal des accès', path: 'journal' },
      { label: 'Alertes par e-mail', path: 'notifications' },
    ],
  },
];

function link(item: NavLink, current: string): HTMLAnchorElement {
  return h('a', { class: 'fr-nav__link', href: `${BASE}${item.path}`, 'aria-current': item.path === current ? 'page' : null }, item.label);
}

function navigation(current: string): HTMLElement[] {
  return NAVIGATION.map((item, index) => {
    if ('path' in item) return h('li', { class: 'fr-nav__item' }, link(item, current));
    const menuId = `menu-${index}`;
    const holdsCurrent = item.links.some((child) => child.path === current);
    return h(
      'li',
      { class: 'fr-nav__item' },
      h('button', { class: 'fr-nav__btn', type: 'button', 'aria-expanded': 'false', 'aria-controls': menuId, 'aria-current': holdsCurrent ? 'true' : null }, item.label),
      h('div', { class: 'fr-collapse fr-menu', id: menuId }, h('ul', { class: 'fr-menu__list' }, item.links.map((child) => h('li', {}, link(child, current))))),
    );
  });
}

function sessionTools(): HTMLElement[] {
  // A plain link: the gateway's GET /auth/logout redirects to the provider, which a form
  // could not follow under the page's `form-action 'self'`.
  return [h('li', {}, h('a', { class: 'fr-btn fr-icon-logout-box-r-line', href: '/auth/logout' }, 'Se déconnecter'))];
}

/** Shows the navigation with `current` (a path under /app/) marked, and the session tools. */
export function showSignedIn(current: string): void {
  const nav = document.getElementById('navigation-principale')!;
  document.getElementById('liste-navigation')!.replaceChildren(...navigation(current));
  nav.hidden = false;
  document.getElementById('skiplink-navigation')!.hidden = false;
  document.getElementById('outils-session')!.replaceChildren(...sessionTools());
  document.querySelector('.fr-header__menu-links')!.replaceChildren(h('ul', { class: 'fr-btns-group' }, sessionTools()));
}

export function showSignedOut(): void {
  document.getElementById('navigation-principale')!.hidden = true;
  document.getElementById('skiplink-navigation')!.hidden = true;
  document.getElementById('outils-session')!.replaceChildren();
  document.querySelector('.fr-header__menu-links')!.replaceChildren();
}

/** Closes the mobile menu dialog if it is open (after following one of its links). */
export function closeMenu(): void {
  const modal = document.getElementById('menu-modal');
  if (modal?.classList.contains('fr-modal--opened')) modal.querySelector<HTMLButtonElement>('.fr-btn--close')?.click();
}
