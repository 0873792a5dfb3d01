import { dayAndMonth, euros, longDate, plural } from '../contract/french.ts';
import { applied, type Explanation } from './explain.ts';
import { parameters, valueOn } from './parameters.ts';
import { badRuleInput } from './violation.ts';

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
    throw badRuleInput('years', 'OUT_OF_RANGE', `years must be a whole number from 1 to ${MAX_PROJECTION_YEARS} (got ${years}).`);
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

/** The projection with what it started from and the credit rules it applied, for the citizen to check. */
export function simulateCpfProjection(account: CpfAccountFigures, years: number, today: string) {
  const credits = projectCpf(account, years, today);
  return { credits, explanation: explainProjection(account, years, credits, today) };
}

function explainProjection(account: CpfAccountFigures, years: number, credits: readonly CpfProjectedCredit[], today: string): Explanation {
  const last = credits.at(-1)!;
  const reached = credits.find((credit) => credit.balance >= cpfScaleOn(account.lowQualified, credit.creditedOn).cap);
  const cap = reached
    ? ` Il atteindrait son plafond le ${longDate(reached.creditedOn)} : ensuite, vos droits ne s’accumulent plus, utilisez-les pour une formation.`
    : '';
  return {
    summary: `Sans rien dépenser, votre compte atteindrait ${euros(last.balance)} le ${longDate(last.creditedOn)}, après ${plural(credits.length, 'alimentation annuelle', 'alimentations annuelles')}.${cap}`,
    inputs: [
      { label: 'Solde aujourd’hui', value: euros(account.balance) },
      { label: 'Dernière alimentation', value: account.lastCreditedOn ? longDate(account.lastCreditedOn) : 'aucune' },
      { label: 'Diplôme de niveau 3 (CAP, BEP)', value: account.lowQualified ? 'non : taux majoré' : 'oui ou non connu : taux normal' },
      { label: 'Années projetées', value: plural(years, 'an') },
      { label: 'Hypothèse', value: 'vous travaillez au moins à mi-temps chaque année et ne dépensez rien' },
    ],
    rules: [
      applied(parameters.cpf.credit, today, (scale) => {
        const { yearlyCredit } = account.lowQualified ? scale.lowQualified : scale.standard;
        return { rule: 'Alimentation pour une année de travail au moins à mi-temps', value: `${euros(yearlyCredit)} par an` };
      }),
      applied(parameters.cpf.credit, today, (scale) => {
        const { cap } = account.lowQualified ? scale.lowQualified : scale.standard;
        return { rule: 'Plafond du compte, au-delà duquel rien n’est ajouté', value: euros(cap) };
      }),
      applied(parameters.cpf.creditDay, today, (day) => ({
        rule: 'Date de l’alimentation, l’année qui suit l’année travaillée',
        value: `le ${dayAndMonth(account.lastCreditedOn ?? day)}${account.lastCreditedOn ? ', comme la dernière' : ''}`,
      })),
    ],
  };
}

/** The yearly credit and cap that apply to a holder on a date. */
export function cpfScaleOn(lowQualified: boolean, date: string): { yearlyCredit: number; cap: number } {
  const scale = valueOn(parameters.cpf.credit, date);
  return lowQualified ? scale.lowQualified : scale.standard;
}
