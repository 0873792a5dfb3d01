import { centsOf } from '../../contract/scalars.ts';
import { eventOf, type TimelineEvent } from '../shared/timeline-event.ts';
import type { CafDossier } from './client.ts';

/** The CAF file's history: each right's start and (past) end, and each payment. */
export function toFamilyEvents(dossier: CafDossier, today: string): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const benefit of dossier.prestations) {
    events.push(
      eventOf('caf', `${benefit.code}:${benefit.date_debut_droit}:start`, {
        date: benefit.date_debut_droit,
        kind: 'BENEFIT_START',
        title: `Début de droit : ${benefit.libelle}`,
        amount: null,
      }),
    );
    // A right ending later is not history yet (the alerts announce it).
    if (benefit.date_fin_droit !== null && benefit.date_fin_droit <= today) {
      events.push(
        eventOf('caf', `${benefit.code}:${benefit.date_debut_droit}:end`, {
          date: benefit.date_fin_droit,
          kind: 'BENEFIT_END',
          title: `Fin de droit : ${benefit.libelle}`,
          amount: null,
        }),
      );
    }
  }
  const labels = new Map(dossier.prestations.map((b) => [b.code, b.libelle]));
  for (const payment of dossier.paiements) {
    if (payment.date_versement > today) continue;
    events.push(
      eventOf('caf', payment.id, {
        date: payment.date_versement,
        kind: 'BENEFIT_PAYMENT',
        title: `Versement : ${labels.get(payment.prestation) ?? payment.prestation}`,
        amount: centsOf(payment.montant_euros),
      }),
    );
  }
  return events;
}
