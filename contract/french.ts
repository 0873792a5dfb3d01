// How the platform writes French to a citizen: amounts, dates, months, ages, counts. One module
// for the API's French texts (alerts, simulator explanations, timeline titles) and the web app,
// so that both read alike: « 1er octobre 2026 », « 3 350 € », « d’octobre 2026 ».
// Typography: the apostrophe is ’ (U+2019), digits are grouped by a narrow no-break space and
// the euro sign follows a no-break space, as Intl's fr-FR does, so a line never breaks inside a figure.

/** The typographic apostrophe: write it in every French text, never `'`. */
export const APOSTROPHE = '’';

const GROUP = '\u202f';
const BEFORE_UNIT = '\u00a0';
const MINUS = '−';

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** `1234567` → `1 234 567`; `12.5` → `12,5`. */
export function count(value: number): string {
  const [whole = '0', decimals] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  return `${value < 0 ? MINUS : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/**
 * `335000` → `3 350 €`, `15105` → `151,05 €`: cents only when there are some, or always
 * (`exact`, for columns of figures).
 */
export function euros(cents: number, exact = false): string {
  const whole = Math.trunc(Math.abs(cents) / 100);
  const rest = Math.abs(cents) % 100;
  const decimals = rest === 0 && !exact ? '' : `,${String(rest).padStart(2, '0')}`;
  return `${cents < 0 ? MINUS : ''}${count(whole)}${decimals}${BEFORE_UNIT}€`;
}

/** A signed amount for account movements: `+500,00 €`, `−2 150,00 €`. */
export function signedEuros(cents: number): string {
  return cents < 0 ? euros(cents, true) : `+${euros(cents, true)}`;
}

/** `2026-03-01` → `1er mars 2026`: the first of the month is an ordinal in French. */
export function longDate(iso: string): string {
  return `${dayAndMonth(iso)} ${iso.slice(0, 4)}`;
}

/** `2026-04-15` or `04-15` → `15 avril`, `05-01` → `1er mai`: a day that comes back every year. */
export function dayAndMonth(date: string): string {
  const [monthNumber, day] = date.slice(-5).split('-').map(Number) as [number, number];
  return `${day === 1 ? '1er' : day} ${MONTHS[monthNumber - 1]}`;
}

/** `2026-10` (or a date in it) → `octobre 2026`. */
export function month(period: string): string {
  const [year, monthNumber] = period.split('-').map(Number) as [number, number];
  return `${MONTHS[monthNumber - 1]} ${year}`;
}

/** `2026-10` → `d’octobre 2026`, `2026-11` → `de novembre 2026`: « de » elided before a vowel. */
export function ofMonth(period: string): string {
  return elided('de', month(period));
}

/** `2026-10` → `en octobre 2026`. */
export function inMonth(period: string): string {
  return `en ${month(period)}`;
}

/** `de` + `août` → `d’août`; `le` + `autre` → `l’autre`: the elision before a vowel or a mute h. */
export function elided(word: 'de' | 'le' | 'que', next: string): string {
  return /^[aeiouyàâéèêîôh]/i.test(next) ? `${word.slice(0, -1)}${APOSTROPHE}${next}` : `${word} ${next}`;
}

/**
 * An instant (ISO 8601 with time) in a time zone, the reader's by default: `28 octobre 2026 à 07:00`.
 */
export function dateTime(instant: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${longDate(`${part('year')}-${part('month')}-${part('day')}`)} à ${part('hour')}:${part('minute')}`;
}

/** `{ years: 64, months: 1 }` → `64 ans et 1 mois`. */
export function age({ years, months }: { years: number; months: number }): string {
  const inYears = plural(years, 'an');
  return months === 0 ? inYears : `${inYears} et ${months} mois`;
}

/** `plural(3, 'point')` → `3 points`; French plural from 2 on. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${Math.abs(value) >= 2 ? pluralForm : singular}`;
}

/** `['août', 'septembre', 'octobre']` → `août, septembre et octobre`. */
export function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

/** `0.0125` → `1,25 %`. */
export function percent(share: number): string {
  return `${count(Math.round(share * 10_000) / 100)}${BEFORE_UNIT}%`;
}
