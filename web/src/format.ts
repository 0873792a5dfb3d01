// French formats for what the API gives: euro cents, ISO dates, ages.

const WHOLE_EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 0 });
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat('fr-FR');
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/** `335000` → `3 350 €`, `15105` → `151,05 €`: cents only when there are some, or always (`exact`, for columns). */
export function euros(cents: number, exact = false): string {
  return cents % 100 === 0 && !exact ? WHOLE_EUROS.format(cents / 100) : EUROS.format(cents / 100);
}

/** A signed amount for account movements: `+500,00 €`, `−2 150,00 €`. */
export function signedEuros(cents: number): string {
  return cents < 0 ? `−${euros(-cents, true)}` : `+${euros(cents, true)}`;
}

export function count(value: number): string {
  return NUMBER.format(value);
}

/** `2026-03-01` → `1er mars 2026`. */
export function longDate(iso: string): string {
  const text = LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
  return text.replace(/^1 /, '1er ');
}

/** `2026-10` → `octobre 2026`. */
export function month(period: string): string {
  return MONTH.format(new Date(`${period}-01T00:00:00Z`));
}

/** `2026-10` → `d’octobre 2026`, `2026-11` → `de novembre 2026`: « de » elided before a vowel. */
export function ofMonth(period: string): string {
  const name = month(period);
  return /^[aeiouy]/.test(name) ? `d’${name}` : `de ${name}`;
}

/** `2026-03-01` → `01/03/2026`, for dense tables. */
export function shortDate(iso: string): string {
  const [year, monthNumber, day] = iso.split('-');
  return `${day}/${monthNumber}/${year}`;
}

/** An instant (ISO 8601 with time) in the reader's zone: `10 novembre 2026 à 13:05`. */
export function dateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** `{ years: 64, months: 1 }` → `64 ans et 1 mois`. */
export function age({ years, months }: { years: number; months: number }): string {
  return months === 0 ? `${years} ans` : `${years} ans et ${months} mois`;
}

/** `plural(3, 'point')` → `3 points`; French plural from 2 on. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${Math.abs(value) >= 2 ? pluralForm : singular}`;
}
