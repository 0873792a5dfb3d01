import { list, plural } from '../../contract/french.ts';
import { eventOf, type TimelineEvent } from '../shared/timeline-event.ts';
import type { RgcuDossier } from './client.ts';

type Period = RgcuDossier['periodes'][number];

const NATURE_LABEL = {
  EMPLOI: 'Emploi',
  CHOMAGE: 'Chômage indemnisé',
  MALADIE: 'Arrêt maladie',
  MATERNITE: 'Congé maternité',
  SERVICE_CIVIQUE: 'Service civique',
} as const;

const SCHEME_LABEL = {
  REGIME_GENERAL: 'régime général',
  AGIRC_ARRCO: 'Agirc-Arrco',
  MSA_SALARIES: 'MSA',
  SSI: 'indépendants',
  FONCTION_PUBLIQUE: 'fonction publique',
} as const;

/** A complementary scheme records, in points, the same work as a basic scheme's period. */
const COMPLEMENTARY = new Set<Period['regime']>(['AGIRC_ARRCO']);

/**
 * The career register's history: one event per period of work or cover, on the day it starts.
 * A complementary scheme's period records, in points, the same work as the basic scheme's
 * period of work of that year: it is named in that event rather than told twice. Quarters are
 * the basic schemes' (the complementary one counts points); the current year's come after it ends.
 */
export function toRetirementEvents(dossier: RgcuDossier, today: string): TimelineEvent[] {
  const periods = dossier.periodes.filter((period) => period.date_debut <= today);
  const work = periods.filter((period) => !COMPLEMENTARY.has(period.regime) && period.nature === 'EMPLOI');
  const told = new Set<Period>();
  const events: TimelineEvent[] = [];
  for (const period of periods) {
    if (told.has(period)) continue;
    const sameWork = work.includes(period) ? periods.filter((other) => COMPLEMENTARY.has(other.regime) && sameYear(other, period)) : [];
    for (const other of sameWork) told.add(other);
    const schemes = list([period, ...sameWork].map((p) => SCHEME_LABEL[p.regime]));
    const counted = COMPLEMENTARY.has(period.regime)
      ? 'des points, pas de trimestres'
      : period.date_fin === null
        ? 'année en cours'
        : plural(period.trimestres_valides, 'trimestre');
    events.push(
      eventOf('rgcu', `${period.regime}:${period.date_debut}`, {
        date: period.date_debut,
        kind: 'CAREER_PERIOD',
        title: `${NATURE_LABEL[period.nature]} : ${period.employeur ? `${period.employeur} (${schemes})` : schemes} — ${counted}`,
        amount: null,
      }),
    );
  }
  return events;
}

function sameYear(a: Period, b: Period): boolean {
  return a.date_debut.slice(0, 4) === b.date_debut.slice(0, 4);
}
