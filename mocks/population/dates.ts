/**
 * Calendar dates as the agencies write them (`YYYY-MM-DD`), and as whole days since
 * 1970-01-01 for arithmetic. Everything is UTC: a date has no time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isValidDate(date.year, date.month, date.day) ? date : null;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function toDay(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/**
 * Generation writes the same few thousand dates hundreds of thousands of times (every January
 * 1st of every career): each is built once and shared.
 */
const isoByDay = new Map<number, string>();

export function fromDay(day: number): string {
  let iso = isoByDay.get(day);
  if (iso === undefined) {
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    iso = isoDate(year, month, dayOfMonth);
    isoByDay.set(day, iso);
  }
  return iso;
}

/** Days since 1970-01-01 of January 1st of `year`. */
export function yearStartDay(year: number): number {
  return daysFromCivil(year, 1, 1);
}

/** Orders `YYYY-MM-DD` dates or ISO instants (their text order is their time order). */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Howard Hinnant's civil calendar algorithms: plain arithmetic, much faster than going through Date,
// which matters when generating millions of dates.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): CalendarDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth + (shiftedMonth < 10 ? 3 : -9);
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function yearOfDay(day: number): number {
  return civilFromDays(day).year;
}

export function monthOf(iso: string): number {
  return Number(iso.slice(5, 7));
}

export function dayOfMonth(iso: string): number {
  return Number(iso.slice(8, 10));
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] as number);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

/** Same day `months` later, clamped to the end of a shorter month (01-31 + 1 month = 02-28). */
export function addMonths(iso: string, months: number): string {
  const index = yearOf(iso) * 12 + monthOf(iso) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, Math.min(dayOfMonth(iso), daysInMonth(year, month)));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/** The first day of the month after the one `iso` is in. */
export function firstOfNextMonth(iso: string): string {
  return addMonths(`${iso.slice(0, 8)}01`, 1);
}

/** Whole years and months between a birth date and `on`, as civil status counts age. */
export function ageOn(birthdate: string, on: string): { years: number; months: number } {
  let months = (yearOf(on) - yearOf(birthdate)) * 12 + (monthOf(on) - monthOf(birthdate));
  if (dayOfMonth(on) < dayOfMonth(birthdate)) months -= 1;
  return { years: Math.floor(months / 12), months: ((months % 12) + 12) % 12 };
}

/** The date of a day in a `YYYY-MM` month. */
export function dateInMonth(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}
