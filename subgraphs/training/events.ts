import { centsOf } from '../../contract/scalars.ts';
import { eventOf, type TimelineEvent } from '../shared/timeline-event.ts';
import type { CpfDossier } from './client.ts';

/** Debits for enrolments are told by the enrolment events, which name the training. */
const MOVEMENT_EVENTS = {
  ALIMENTATION: 'CPF_CREDIT',
  ABONDEMENT: 'CPF_TOP_UP',
  ANNULATION: 'TRAINING_CANCELLATION',
} as const;

/** Titles read « what happened : to what », like every agency's in the timeline. */
const MOVEMENT_TITLES = {
  ALIMENTATION: () => 'Alimentation : compte personnel de formation',
  ABONDEMENT: (label: string) => `Abondement : compte personnel de formation (${label})`,
  // The Caisse des Dépôts words a refund « Annulation : <training> » already.
  ANNULATION: (label: string) => label,
} as const;

/** The Caisse des Dépôts file's history: credits, top-ups and refunds of the CPF, and enrolments. */
export function toTrainingEvents(dossier: CpfDossier, today: string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const movement of dossier.mouvements) {
    if (movement.type === 'INSCRIPTION' || movement.date > today) continue;
    events.push(
      eventOf('cpf', movement.id, {
        date: movement.date,
        kind: MOVEMENT_EVENTS[movement.type],
        title: MOVEMENT_TITLES[movement.type](movement.libelle),
        amount: centsOf(movement.montant_euros),
      }),
    );
  }
  for (const enrolment of dossier.inscriptions) {
    if (enrolment.date_inscription > today) continue;
    events.push(
      eventOf('cpf', enrolment.id, {
        date: enrolment.date_inscription,
        kind: 'TRAINING_ENROLMENT',
        title: `Inscription : ${enrolment.intitule_formation}`,
        amount: -centsOf(enrolment.montant_euros),
      }),
    );
  }
  return events;
}
