// Elements built from data, never from HTML strings: text from the API cannot become markup.

export type Child = Node | string | number | null | undefined | false | Child[];
type AttributeValue = string | number | boolean | null | undefined;
type Listeners = Partial<Record<keyof HTMLElementEventMap, EventListener>>;
/** Attributes by name (`true` for a boolean one; `false`, `null`, `undefined` leave it out), and `on`: event listeners. */
export interface Attributes {
  [name: string]: AttributeValue | Listeners;
  on?: Listeners;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'on' || (typeof value === 'object' && value !== null)) continue;
    if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const [event, listener] of Object.entries(attributes.on ?? {})) element.addEventListener(event, listener);
  element.append(...flatten(children));
  return element;
}

function flatten(children: Child[]): Array<Node | string> {
  return children.flatMap((child): Array<Node | string> => {
    if (Array.isArray(child)) return flatten(child);
    if (child === null || child === undefined || child === false) return [];
    return [typeof child === 'number' ? String(child) : child];
  });
}

const SVG = 'http://www.w3.org/2000/svg';

/** A decorative DSFR pictogram (artwork), from the URL of its SVG file. */
export function pictogram(url: string, size = 80): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'fr-artwork');
  svg.setAttribute('viewBox', '0 0 80 80');
  svg.setAttribute('width', `${size}px`);
  svg.setAttribute('height', `${size}px`);
  for (const part of ['decorative', 'minor', 'major']) {
    const use = document.createElementNS(SVG, 'use');
    use.setAttribute('class', `fr-artwork-${part}`);
    use.setAttribute('href', `${url}#artwork-${part}`);
    svg.append(use);
  }
  return svg;
}

let nextId = 0;
/** A document-unique id, for label/control and aria links. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
