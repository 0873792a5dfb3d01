// DSFR components, as the design system writes their markup (https://www.systeme-de-design.gouv.fr).

import { longDate } from '../../contract/french.ts';
import { h, uniqueId, type Child } from './dom.ts';
import type { ApiError } from './graphql.ts';
import { AGENCIES, errorMessage, SECTIONS, type SectionInfo, type SectionName } from './labels.ts';

export const BASE = '/app/';

/** A link inside the app; the router turns its clicks into in-page navigation. */
export function appLink(path: string, text: Child, attributes: Record<string, string> = {}): HTMLAnchorElement {
  return h('a', { href: `${BASE}${path}`, ...attributes }, text);
}

export type Crumb = { label: string; path: string };

/** Breadcrumb (fil d’Ariane) ending on the current page, then the page's one h1. */
export function pageHeading(title: string, options: { crumbs?: Crumb[]; lead?: Child } = {}): Node[] {
  const nodes: Node[] = [];
  if (options.crumbs) {
    const listId = uniqueId('fil-ariane');
    nodes.push(
      h(
        'nav',
        { class: 'fr-breadcrumb', 'aria-label': 'vous êtes ici :' },
        h('button', { class: 'fr-breadcrumb__button', type: 'button', 'aria-expanded': 'false', 'aria-controls': listId }, 'Voir le fil d’Ariane'),
        h(
          'div',
          { class: 'fr-collapse', id: listId },
          h(
            'ol',
            { class: 'fr-breadcrumb__list' },
            options.crumbs.map((crumb) => h('li', {}, appLink(crumb.path, crumb.label, { class: 'fr-breadcrumb__link' }))),
            h('li', {}, h('a', { class: 'fr-breadcrumb__link', 'aria-current': 'page' }, title)),
          ),
        ),
      ),
    );
  }
  nodes.push(h('h1', { tabindex: '-1' }, title));
  if (options.lead) nodes.push(h('p', { class: 'fr-text--lead' }, options.lead));
  return nodes;
}

export const HOME: Crumb = { label: 'Tableau de bord', path: '' };

/** Crumbs of the detail pages, for the pages below them. */
export const SECTION_CRUMB: Record<SectionName, Crumb> = {
  training: { label: SECTIONS.training.title, path: SECTIONS.training.path },
  retirement: { label: SECTIONS.retirement.title, path: SECTIONS.retirement.path },
  family: { label: SECTIONS.family.title, path: SECTIONS.family.path },
  employment: { label: SECTIONS.employment.title, path: SECTIONS.employment.path },
};

export type HeadingLevel = 'h2' | 'h3' | 'h4';

export function alert(options: {
  type: 'error' | 'info' | 'warning' | 'success';
  title: string;
  heading?: HeadingLevel;
  description?: Child;
}): HTMLElement {
  return h(
    'div',
    { class: `fr-alert fr-alert--${options.type} fr-mb-3w` },
    h(options.heading ?? 'h2', { class: 'fr-alert__title' }, options.title),
    options.description ? h('p', {}, options.description) : null,
  );
}

/** Tries again: by default asks the router to read the current page again. */
export function retryButton(retry: () => void = () => window.dispatchEvent(new CustomEvent('app:refresh'))): HTMLButtonElement {
  return h(
    'button',
    { class: 'fr-btn fr-btn--secondary fr-btn--sm fr-icon-refresh-line fr-btn--icon-left', type: 'button', on: { click: () => retry() } },
    'Réessayer',
  );
}

/** What is being read, said while it is: announced, and marked for tests and styles. */
export function loadingState(text: string): HTMLElement {
  return h('p', { class: 'cdc-loading', role: 'status', 'data-loading': 'true' }, h('span', { class: 'cdc-loading__spinner', 'aria-hidden': 'true' }), text);
}

/** A part of the page that could not be read or computed: why, and a way to try again. */
export function failureNotice(title: string, error: ApiError, retry: () => void, heading: HeadingLevel = 'h2'): HTMLElement {
  return h(
    'div',
    { class: 'fr-mb-4w', 'data-state': 'error', role: 'alert' },
    alert({ type: 'error', heading, title, description: errorMessage(error, 'le service') }),
    retryButton(retry),
  );
}

/** Why a simulator gave its result, as the API explains it: the result, what it started from, the rules and their sources. */
export interface Explanation {
  summary: string;
  inputs: Array<{ label: string; value: string }>;
  rules: Array<{ rule: string; value: string; since: string; reference: string }>;
}

export function explanationView(explanation: Explanation, heading: HeadingLevel = 'h3'): HTMLElement {
  const sub: HeadingLevel = heading === 'h2' ? 'h3' : 'h4';
  return h(
    'div',
    { class: 'cdc-explanation fr-mb-4w', 'data-explanation': 'true' },
    h(heading, {}, 'Comment ce résultat est calculé'),
    h('p', { class: 'fr-text--lg' }, h('strong', {}, explanation.summary)),
    h(sub, { class: 'fr-h6' }, 'Ce qui est pris en compte'),
    facts(explanation.inputs.map((item) => [item.label, item.value])),
    table({
      caption: 'Règles appliquées, avec leur valeur et le texte qui les fixe',
      columns: ['Règle', 'Valeur appliquée', 'En vigueur depuis le', 'Texte de référence'],
      rows: explanation.rules.map((rule) => [rule.rule, rule.value, longDate(rule.since), rule.reference]),
    }),
  );
}

/** An agency section that could not be read: the other sections are still shown. */
export function sectionFailure(section: SectionInfo, error: ApiError, heading: HeadingLevel = 'h2'): HTMLElement {
  return h(
    'div',
    { class: 'fr-mb-4w', 'data-section-state': 'error' },
    alert({
      type: 'error',
      heading,
      title: `${section.title} : informations indisponibles`,
      description: `${errorMessage(error, section.holder)} Vos autres informations restent consultables ; réessayez dans quelques instants.`,
    }),
    retryButton(),
  );
}

/** A person unknown to an agency: a normal case, said plainly. */
export function sectionUnknown(section: SectionInfo, heading: HeadingLevel = 'h2'): HTMLElement {
  return h(
    'div',
    { class: 'fr-callout fr-mb-4w', 'data-section-state': 'unknown' },
    h(heading, { class: 'fr-callout__title' }, `Aucun dossier à ${section.holder}`),
    h('p', { class: 'fr-callout__text' }, `${capitalise(section.holder)} ne connaît pas de dossier à votre nom.`),
  );
}

/** A section not there to show: failed (with its error) or unknown to its agency, each said its own way. */
export function sectionAbsent(info: SectionInfo, state: { state: 'unknown' } | { state: 'error'; error: ApiError }): HTMLElement {
  return state.state === 'error' ? sectionFailure(info, state.error) : sectionUnknown(info);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A data table with its caption; `numeric` columns are right-aligned. */
export function table(options: { caption: string; columns: string[]; rows: Child[][]; numeric?: number[] }): HTMLElement {
  const numeric = new Set(options.numeric ?? []);
  const cell = (index: number, content: Child) => h('td', numeric.has(index) ? { class: 'cdc-numeric' } : {}, content);
  const captionId = uniqueId('tableau');
  return h(
    'div',
    { class: 'fr-table fr-table--no-caption-top fr-mb-4w' },
    h(
      'div',
      { class: 'fr-table__wrapper' },
      // The container scrolls sideways on narrow screens: focusable, so the keyboard scrolls it too.
      h(
        'div',
        { class: 'fr-table__container', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
        h(
          'div',
          { class: 'fr-table__content' },
          h(
            'table',
            {},
            h('caption', { id: captionId }, options.caption),
            h('thead', {}, h('tr', {}, options.columns.map((column, index) => h('th', { scope: 'col', class: numeric.has(index) ? 'cdc-numeric' : null }, column)))),
            h('tbody', {}, options.rows.map((row) => h('tr', {}, row.map((content, index) => cell(index, content))))),
          ),
        ),
      ),
    ),
  );
}

/** Key figures as a description list: term, then value. */
export function facts(entries: Array<[string, Child]>): HTMLElement {
  return h(
    'dl',
    { class: 'cdc-facts fr-mb-4w' },
    entries.map(([term, value]) => h('div', { class: 'cdc-facts__item' }, h('dt', {}, term), h('dd', {}, value))),
  );
}

export function badge(text: string, type: 'success' | 'error' | 'info' | 'warning' | 'new'): HTMLElement {
  return h('p', { class: `fr-badge fr-badge--sm fr-badge--${type}` }, text);
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'fr-mb-6w' }, h('h2', {}, title), ...children);
}

export function container(...children: Child[]): HTMLElement {
  return h('div', { class: 'fr-container fr-my-6w' }, ...children);
}

/**
 * Agencies a cross-agency feature had to leave out (`unavailableAgencies`), each with the
 * reason its error gives: the rest of the feature is shown.
 */
export function unavailableAgencies(agencies: string[], errors: ApiError[], title: string, consequence: string): HTMLElement | null {
  if (agencies.length === 0) return null;
  const reasons = agencies.map((agency) => {
    const holder = AGENCIES[agency]?.holder ?? agency;
    const code = agency.toLowerCase().replace('_', '-');
    const error = errors.find((e) => e.extensions?.agency === code);
    return error ? errorMessage(error, holder) : `Les informations de ${holder} manquent.`;
  });
  return alert({ type: 'warning', title, description: `${reasons.join(' ')} ${consequence}` });
}
