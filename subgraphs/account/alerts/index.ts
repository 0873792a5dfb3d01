import { allSections, sectionOf, unavailableAgencies, type AccountPerson } from '../sections.ts';
import type { Alert, AlertSeverity } from './alert.ts';
import { benefitEndingAlerts } from './benefit-ending.ts';
import { c2pUnusedAlert } from './c2p.ts';
import { cpfNearCapAlert } from './cpf-cap.ts';
import { monthlyUpdateAlert } from './monthly-update.ts';
import { primeActiviteAlert } from './prime-activite.ts';

const RANK: Readonly<Record<AlertSeverity, number>> = { URGENT: 0, WARNING: 1, INFO: 2 };

/**
 * The person's alerts from the sections they were given. An agency that could not be read
 * gives no alert rather than a wrong one (a CAF that failed is not "pays nothing").
 */
export function alertsOf(person: AccountPerson, today: string) {
  const training = sectionOf(person, 'cpf');
  const career = sectionOf(person, 'rgcu');
  const family = sectionOf(person, 'caf');
  const employment = sectionOf(person, 'france-travail');
  const items = [
    person.pivot ? primeActiviteAlert(person.pivot.birthdate, career, family, today) : null,
    c2pUnusedAlert(training, today),
    cpfNearCapAlert(training, today),
    monthlyUpdateAlert(employment, today),
    ...benefitEndingAlerts(family, employment, today),
  ].filter((alert): alert is Alert => alert !== null);
  items.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { items, unavailableAgencies: unavailableAgencies(allSections(person)) };
}
