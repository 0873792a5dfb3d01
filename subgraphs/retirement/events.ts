import { eventOf, type TimelineEvent } from '../shared/timeline-event.ts';
import type { RgcuDossier } from './client.ts';

const NATURE_LABEL = {
  EMPLOI: 'Emploi',
  CHOMAGE: 'Chômage indemnisé',
  MALADIE: 'Arrêt maladie',
  MATERNITE: 'Congé maternité',
  SERVICE_CIVIQUE: 'Service civique',
} as const;

/** The career register's history: one event per recorded period, on the day it starts. */
export function toRetirementEvents(dossier: RgcuDossier, today: string): TimelineEvent[] {
  return dossier.periodes
    .filter((period) => period.date_debut <= today)
    .map((period) =>
      eventOf('rgcu', `${period.regime}:${period.date_debut}`, {
        date: period.date_debut,
        kind: 'CAREER_PERIOD',
        title: `${NATURE_LABEL[period.nature]}${period.employeur ? ` — ${period.employeur}` : ''} (${period.libelle_regime})`,
        amount: null,
      }),
    );
}
