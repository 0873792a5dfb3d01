import { parameters, valueOn } from '../../../rules/parameters.ts';
import { day, ofMonth } from '../french.ts';
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
      ? `La date limite du ${day(update.dueOn)} est passée : faites-la sans attendre et contactez France Travail.`
      : daysLeft === 0
        ? `C'est le dernier jour : faites-la aujourd'hui (${day(update.dueOn)}).`
        : `Faites-la au plus tard le ${day(update.dueOn)} (dans ${daysLeft} jours).`;
  return {
    id: `MONTHLY_UPDATE_DUE:${update.period}`,
    kind: 'MONTHLY_UPDATE_DUE',
    severity: daysLeft <= monthlyUpdateUrgentWithinDays ? 'URGENT' : 'WARNING',
    agency: 'FRANCE_TRAVAIL',
    title: `Actualisation ${ofMonth(update.period)} à faire`,
    explanation: `Votre actualisation mensuelle ${ofMonth(update.period)} n'est pas faite. ${deadline} Sans elle, votre allocation n'est pas versée.`,
    action: { label: 'Faire votre actualisation', url: 'https://www.francetravail.fr/', mutation: 'submitMonthlyUpdate' },
  };
}
