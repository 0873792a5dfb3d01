import { digitsOf, floor, min, padded } from './arithmetic.ts';

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
  const date = { year: digitsOf(match[1]), month: digitsOf(match[2]), day: digitsOf(match[3]) };
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
  return `${padded(year, 4)}-${padded(month, 2)}-${padded(day, 2)}`;
}

/**
 * Generation reads and writes the same few thousand dates hundreds of thousands of times (every
 * January 1st of every career): each conversion is made once.
 */
const isoByDay = new Map<number, string>();
const dayByIso = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function toDay(iso: string): number {
  let day = dayByIso.get(iso);
  if (day === undefined) {
    day = daysFromCivil(digitsOf(iso.slice(0, 4)), digitsOf(iso.slice(5, 7)), digitsOf(iso.slice(8, 10)));
    dayByIso.set(iso, day);
  }
  return day;
}

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
  const era = floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floor(yearOfEra / 4) - floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): CalendarDate {
  const z = days + 719_468;
  const era = floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = floor(
    (dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36_524) - floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const shiftedMonth = floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth + (shiftedMonth < 10 ? 3 : -9);
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function yearOf(iso: string): number {
  return digitsOf(iso.slice(0, 4));
}

export function yearOfDay(day: number): number {
  return civilFromDays(day).year;
}

export function monthOf(iso: string): number {
  return digitsOf(iso.slice(5, 7));
}

export function dayOfMonth(iso: string): number {
  return digitsOf(iso.slice(8, 10));
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
  const year = floor(index / 12);
  const month = (index % 12) + 1;
  return isoDate(year, month, min(dayOfMonth(iso), daysInMonth(year, month)));
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
  return { years: floor(months / 12), months: ((months % 12) + 12) % 12 };
}

/** The date of a day in a `YYYY-MM` month. */
export function dateInMonth(month: string, day: number): string {
  return `${month}-${padded(day, 2)}`;
}
