import { longDate, ofMonth, plural } from '../../../contract/french.ts';
import { parameters, valueOn } from '../../../rules/parameters.ts';
import type { Section } from '../sections.ts';
import { daysBetween, type Alert } from './alert.ts';

/** The open monthly update is not made yet: without it, the allowance is not paid. */
export function monthlyUpdateAlert(employment: Section<'france-travail'>, today: string): Alert | null {
  const update = employment.data?.monthlyUpdate;
  if (!update || update.status !== 'DUE') return null;
  const daysLeft = daysBetween(today, update.dueOn);
  const { monthlyUpdateUrgentWithinDays } = valueOn(parameters.alerts.thresholds, today);
  const deadline =
    daysLeft < 0
      ? `La date limite du ${longDate(update.dueOn)} est passée : faites-la sans attendre et contactez France Travail.`
      : daysLeft === 0
        ? `C’est le dernier jour : faites-la aujourd’hui, ${longDate(update.dueOn)}.`
        : `Faites-la au plus tard le ${longDate(update.dueOn)} (dans ${plural(daysLeft, 'jour')}).`;
  return {
    id: `MONTHLY_UPDATE_DUE:${update.period}`,
    kind: 'MONTHLY_UPDATE_DUE',
    severity: daysLeft <= monthlyUpdateUrgentWithinDays ? 'URGENT' : 'WARNING',
    agency: 'FRANCE_TRAVAIL',
    title: `Actualisation ${ofMonth(update.period)} à faire`,
    explanation:
      `Vous n’avez pas encore déclaré votre situation ${ofMonth(update.period)} à France Travail. ${deadline} ` +
      'Sans cette actualisation, votre allocation n’est pas versée.',
    action: { label: 'Faire votre actualisation', url: 'https://www.francetravail.fr/', mutation: 'submitMonthlyUpdate' },
  };
}
