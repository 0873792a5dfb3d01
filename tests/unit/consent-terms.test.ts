import { describe, expect, it } from '@jest/globals';
import { monthsLater } from '../../subgraphs/identity/consent-rules.ts';

// A consent's duration in months follows the Code de procédure civile, art. 641: the same day
// of the month N months later, or the month's last day when it has no such day.
describe('monthsLater', () => {
  const end = (start: string, months: number) => monthsLater(new Date(start), months).toISOString();

  it('ends a year given on 3 December 2026 on 3 December 2027, at the same time', () => {
    expect(end('2026-12-03T13:05:00.000Z', 12)).toBe('2027-12-03T13:05:00.000Z');
  });

  it('ends on the last day of a shorter month, 29 February in a leap year', () => {
    expect(end('2027-01-31T09:00:00.000Z', 1)).toBe('2027-02-28T09:00:00.000Z');
    expect(end('2028-01-31T09:00:00.000Z', 1)).toBe('2028-02-29T09:00:00.000Z');
    expect(end('2028-02-29T09:00:00.000Z', 12)).toBe('2029-02-28T09:00:00.000Z');
    expect(end('2026-08-31T09:00:00.000Z', 3)).toBe('2026-11-30T09:00:00.000Z');
  });
});
