/** Euros rounded to the cent, as the agencies publish amounts (at most two decimals). */
export function euros(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}
