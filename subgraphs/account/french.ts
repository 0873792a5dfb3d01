// Alerts speak to the person in French, with their own figures.

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** `1248500` → `12 485 €`; `104042` → `1 040,42 €`. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = Math.abs(cents) % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${grouped}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`} €`;
}

/** `2026-11-15` → `15/11/2026`. */
export function day(date: string): string {
  const [year, month, dayOfMonth] = date.split('-');
  return `${dayOfMonth}/${month}/${year}`;
}

/** `2026-10` → `d'octobre 2026`, `2026-11` → `de novembre 2026`: "of" a month, elided before a vowel. */
export function ofMonth(period: string): string {
  const [year, monthNumber] = period.split('-');
  const name = MONTHS[Number(monthNumber) - 1] as string;
  return `${/^[aeiouéè]/.test(name) ? "d'" : 'de '}${name} ${year}`;
}
