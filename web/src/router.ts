// Paths under /app/ are screens rendered here; the gateway answers every one with index.html.

import { BASE, container, loadingState } from './components.ts';
import { graphql, UnauthenticatedError } from './graphql.ts';
import { closeMenu, showSignedIn, showSignedOut } from './layout.ts';
import { SECTIONS, SIMULATORS } from './labels.ts';
import { alerts } from './pages/alerts.ts';
import { c2pSimulator } from './pages/c2p-simulator.ts';
import { catalogue } from './pages/catalogue.ts';
import { consents } from './pages/consents.ts';
import { dashboard } from './pages/dashboard.ts';
import { declaration } from './pages/declaration.ts';
import { employment } from './pages/employment.ts';
import { family } from './pages/family.ts';
import { inbox } from './pages/inbox.ts';
import { journal } from './pages/journal.ts';
import { confirmAddress, notifications } from './pages/notifications.ts';
import { login } from './pages/login.ts';
import { failure, notFound } from './pages/not-found.ts';
import { cpfProjection } from './pages/cpf-projection.ts';
import { pensionSimulator } from './pages/pension-simulator.ts';
import { retirement } from './pages/retirement.ts';
import { timeline } from './pages/timeline.ts';
import { training } from './pages/training.ts';
import type { Rendered, Screen } from './screen.ts';
import { AppSessionDocument as SESSION } from './operations.generated.ts';

const SCREENS: Record<string, Screen> = {
  '': dashboard,
  [SECTIONS.training.path]: training,
  [SIMULATORS.c2p]: c2pSimulator,
  [SIMULATORS.cpf]: cpfProjection,
  [SECTIONS.retirement.path]: retirement,
  [SIMULATORS.pension]: pensionSimulator,
  [SECTIONS.family.path]: family,
  [SECTIONS.employment.path]: employment,
  formations: catalogue,
  parcours: timeline,
  messagerie: inbox,
  alertes: alerts,
  partage: consents,
  changement: declaration,
  journal,
  notifications,
  'notifications/confirmer': confirmAddress,
};

/** Whether a session exists; asked once per page load, then after each sign-out found. */
let signedIn: Promise<boolean> | null = null;
function checkSession(): Promise<boolean> {
  signedIn ??= graphql(SESSION).then(
    () => true,
    (error: unknown) => {
      signedIn = null;
      if (error instanceof UnauthenticatedError) return false;
      throw error;
    },
  );
  return signedIn;
}

function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return path.replace(/\/+$/, '');
}

let renders = 0;

async function render(focus: boolean): Promise<void> {
  const render = ++renders;
  const main = document.getElementById('contenu')!;
  main.setAttribute('aria-busy', 'true');
  // The page being left goes at once: nobody reads it as the new one while the new one loads.
  if (focus) main.replaceChildren(container(loadingState('Chargement de la page…')));
  const path = currentPath();
  let rendered: Rendered;
  try {
    if (!(await checkSession())) {
      showSignedOut();
      // The query too: a link such as the address confirmation carries its token there.
      rendered = login(location.pathname + location.search);
    } else {
      showSignedIn(path);
      rendered = await (SCREENS[path] ?? notFound)();
    }
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      signedIn = null;
      showSignedOut();
      // The query too: a link such as the address confirmation carries its token there.
      rendered = login(location.pathname + location.search);
    } else {
      console.error(error);
      rendered = failure();
    }
  }
  // A later navigation started while this one was reading: it wins.
  if (render !== renders) return;
  main.replaceChildren(rendered.content);
  main.removeAttribute('aria-busy');
  document.title = `${rendered.title} — Compte des comptes`;
  // After an in-app navigation, focus goes to the new page's title, as after a page load.
  if (focus) main.querySelector<HTMLElement>('h1')?.focus();
}

function isAppLink(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return null;
  const url = new URL(anchor.href, location.href);
  return url.origin === location.origin && url.pathname.startsWith(BASE) ? anchor : null;
}

export function startRouter(): void {
  document.addEventListener('click', (event) => {
    const anchor = isAppLink(event);
    if (!anchor) return;
    event.preventDefault();
    closeMenu();
    if (anchor.href !== location.href) history.pushState(null, '', anchor.href);
    void render(true);
  });
  window.addEventListener('popstate', () => void render(true));
  window.addEventListener('app:refresh', () => void render(true));
  void render(false);
}
