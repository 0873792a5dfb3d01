import { longDate, plural } from '../../../contract/french.ts';
import { parameters, valueOn } from '../../../rules/parameters.ts';
import type { Section } from '../sections.ts';
import { addDays, daysBetween, type Alert } from './alert.ts';

/** Rights ending within the notice window, at the CAF and France Travail: time to prepare what follows. */
export function benefitEndingAlerts(family: Section<'caf'>, employment: Section<'france-travail'>, today: string): Alert[] {
  const { benefitEndingWithinDays } = valueOn(parameters.alerts.thresholds, today);
  const horizon = addDays(today, benefitEndingWithinDays);
  const endsSoon = (end: string | null): end is string => end !== null && end >= today && end <= horizon;
  const alerts: Alert[] = [];
  for (const benefit of family.data?.benefits ?? []) {
    if (!endsSoon(benefit.endDate)) continue;
    alerts.push({
      id: `BENEFIT_ENDING:CAF:${benefit.code}:${benefit.endDate}`,
      kind: 'BENEFIT_ENDING',
      severity: 'WARNING',
      agency: 'CAF',
      title: `Fin de votre droit : ${benefit.label}`,
      explanation:
        `Votre droit (${benefit.label}) prend fin le ${longDate(benefit.endDate)}, dans ${plural(daysBetween(today, benefit.endDate), 'jour')}. ` +
        'Demandez à la CAF ce qui peut prendre le relais et mettez votre situation à jour.',
      action: { label: 'Écrire à la CAF', url: 'https://www.caf.fr/', mutation: 'sendMessageToCaf' },
    });
  }
  const allowance = employment.data?.allowance;
  if (allowance && endsSoon(allowance.rightsEndOn)) {
    alerts.push({
      id: `BENEFIT_ENDING:FRANCE_TRAVAIL:${allowance.kind}:${allowance.rightsEndOn}`,
      kind: 'BENEFIT_ENDING',
      severity: 'WARNING',
      agency: 'FRANCE_TRAVAIL',
      title: `Fin de votre allocation ${allowance.kind}`,
      explanation:
        `Vos droits à l’allocation ${allowance.kind} prennent fin le ${longDate(allowance.rightsEndOn)}, dans ` +
        `${plural(daysBetween(today, allowance.rightsEndOn), 'jour')}. Demandez à votre conseiller France Travail les aides possibles ensuite.`,
      action: { label: 'Écrire à France Travail', url: 'https://www.francetravail.fr/', mutation: 'sendMessageToFranceTravail' },
    });
  }
  return alerts;
}
