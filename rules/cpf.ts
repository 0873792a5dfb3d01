import { parameters, valueOn } from './parameters.ts';
import { RuleViolation } from './violation.ts';

/** Longest projection answered: a working life. */
export const MAX_PROJECTION_YEARS = 45;

export interface CpfAccountFigures {
  /** Balance today, in cents. */
  balance: number;
  lowQualified: boolean;
  /** Date of the last yearly credit (YYYY-MM-DD), if any. */
  lastCreditedOn: string | null;
}

export interface CpfProjectedCredit {
  /** The year of work the credit pays for. */
  workYear: number;
  creditedOn: string;
  credit: number;
  balance: number;
  /** True when the cap cut the credit. */
  capped: boolean;
}

/**
 * The balance over the next `years` yearly credits, for someone who keeps working at least
 * half time and spends nothing: each credit is the yearly amount of the scale in force on its
 * date, cut so the balance never passes the cap (a balance above it, from top-ups, gets nothing).
 */
export function projectCpf(account: CpfAccountFigures, years: number, today: string): CpfProjectedCredit[] {
  if (!Number.isInteger(years) || years < 1 || years > MAX_PROJECTION_YEARS) {
    throw new RuleViolation('BAD_USER_INPUT', `years must be a whole number from 1 to ${MAX_PROJECTION_YEARS} (got ${years}).`, {
      field: 'years',
      reason: 'OUT_OF_RANGE',
    });
  }
  const lastDay = account.lastCreditedOn?.slice(5) ?? valueOn(parameters.cpf.creditDay, today);
  // 29 February exists one year in four: a credit made that day recurs on the 28th.
  const creditDay = lastDay === '02-29' ? '02-28' : lastDay;
  let creditYear = Number(today.slice(0, 4));
  if (`${creditYear}-${creditDay}` <= today) creditYear += 1;
  let balance = account.balance;
  const credits: CpfProjectedCredit[] = [];
  for (let i = 0; i < years; i += 1, creditYear += 1) {
    const creditedOn = `${creditYear}-${creditDay}`;
    const { yearlyCredit, cap } = cpfScaleOn(account.lowQualified, creditedOn);
    const credit = Math.min(yearlyCredit, Math.max(0, cap - balance));
    balance += credit;
    credits.push({ workYear: creditYear - 1, creditedOn, credit, balance, capped: credit < yearlyCredit });
  }
  return credits;
}

/** The yearly credit and cap that apply to a holder on a date. */
export function cpfScaleOn(lowQualified: boolean, date: string): { yearlyCredit: number; cap: number } {
  const scale = valueOn(parameters.cpf.credit, date);
  return lowQualified ? scale.lowQualified : scale.standard;
}
