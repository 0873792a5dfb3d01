import { round } from './arithmetic.ts';

const EPSILON = Number.EPSILON;

/** Euros rounded to the cent, as the agencies publish amounts (at most two decimals). */
export function euros(amount: number): number {
  return round((amount + EPSILON) * 100) / 100;
}
