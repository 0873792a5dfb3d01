import { centsOf } from '../../contract/scalars.ts';
import { eventOf, type TimelineEvent } from '../shared/timeline-event.ts';
import { allowanceLabel } from './allowances.ts';
import type { FranceTravailDossier } from './client.ts';

/**
 * France Travail's history: registration, its end, the opening of allowance rights, payments.
 * Titles read « what happened : to what », like every agency's in the timeline.
 */
export function toEmploymentEvents(dossier: FranceTravailDossier, today: string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const { inscription, indemnisation } = dossier;
  if (inscription && inscription.date_debut <= today) {
    events.push(
      eventOf('france-travail', `registration:${inscription.date_debut}`, {
        date: inscription.date_debut,
        kind: 'REGISTRATION_START',
        title: `Inscription comme demandeur d’emploi : catégorie ${inscription.categorie.code}`,
        amount: null,
      }),
    );
    if (inscription.date_fin !== null && inscription.date_fin <= today) {
      events.push(
        eventOf('france-travail', `registration:${inscription.date_debut}:end`, {
          date: inscription.date_fin,
          kind: 'REGISTRATION_END',
          title: `Fin d’inscription comme demandeur d’emploi : catégorie ${inscription.categorie.code}`,
          amount: null,
        }),
      );
    }
  }
  if (indemnisation && indemnisation.date_ouverture_droits <= today) {
    events.push(
      eventOf('france-travail', `allowance:${indemnisation.allocation}:${indemnisation.date_ouverture_droits}`, {
        date: indemnisation.date_ouverture_droits,
        kind: 'ALLOWANCE_START',
        title: `Début de droit : ${allowanceLabel(indemnisation.allocation)}`,
        amount: null,
      }),
    );
  }
  // Payments are of the allowance open now, or of the last one for a former job seeker.
  const paid = indemnisation ? allowanceLabel(indemnisation.allocation) : 'Allocation chômage';
  for (const payment of dossier.paiements) {
    if (payment.date_versement > today) continue;
    // France Travail pays at most once a day: the date identifies the payment.
    events.push(
      eventOf('france-travail', `payment:${payment.date_versement}`, {
        date: payment.date_versement,
        kind: 'ALLOWANCE_PAYMENT',
        title: `Versement : ${paid}`,
        amount: centsOf(payment.montant_total),
      }),
    );
  }
  return events;
}
