/**
 * Math as module bindings. Jest runs modules in a vm context where every lookup of a global
 * such as `Math` or `Number` costs about a hundred times a local one, and generating a
 * population does millions of them.
 */
export const { floor, ceil, round, min, max, pow, imul } = Math;

/** The number written in `text` (digits only, as in dates). */
export function digitsOf(text: string): number {
  return +text;
}

/** `n` on at least `width` digits. */
export function padded(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
