import type { FastifyInstance } from 'fastify';
import type { CpfDossier, Inscription } from '../../population/dossiers/cpf.ts';
import { euros } from '../../population/money.ts';
import type { DossierStore } from '../common/dossier-store.ts';
import { fail, received } from '../common/errors.ts';
import { dateOf } from '../common/options.ts';
import type { Catalogue } from './catalogue.ts';
import { cpfError } from './errors.ts';
import { asOutcome, IdempotencyKeys, idempotencyKey, type Outcome } from '../common/idempotency.ts';

interface EnrolmentRequest {
  numero_formation: string;
  session_id: string;
}

/** `POST /v1/dossiers/{id}/inscriptions`: enrols and debits the balance, once per Idempotency-Key. */
export function registerEnrolmentRoute(
  app: FastifyInstance,
  store: DossierStore<CpfDossier>,
  catalogue: Catalogue,
  clock: () => Date,
): void {
  const keys = new IdempotencyKeys();
  app.post<{ Params: { id: string } }>('/v1/dossiers/:id/inscriptions', async (request, reply) => {
    const key = idempotencyKey(request.headers['idempotency-key']);
    const enrolment = enrolmentRequest(request.body);
    const dossierId = request.params.id;
    const fingerprint = JSON.stringify([dossierId, enrolment.numero_formation, enrolment.session_id]);
    const { replayed, outcome } = keys.run(key, fingerprint, () =>
      asOutcome(() => enrol(store, catalogue, dossierId, enrolment, dateOf(clock()))),
    );
    const { status, body } = await outcome;
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return reply.code(status).send(body);
  });
}

function enrolmentRequest(body: unknown): EnrolmentRequest {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const field of ['numero_formation', 'session_id'] as const) {
    const value = fields[field];
    if (typeof value !== 'string' || value === '') {
      throw fail('INVALID_PARAMETER', `${field} est obligatoire (reçu : ${received(value)}).`, field);
    }
  }
  return { numero_formation: fields['numero_formation'] as string, session_id: fields['session_id'] as string };
}

function enrol(store: DossierStore<CpfDossier>, catalogue: Catalogue, dossierId: string, request: EnrolmentRequest, today: string): Outcome {
  const dossier = store.get(dossierId);
  if (dossier === undefined) throw fail('NOT_FOUND', `Aucun dossier ${dossierId}.`);
  const formation = catalogue.get(request.numero_formation);
  if (formation === undefined) throw cpfError('FORMATION_INCONNUE', `Aucune formation ${request.numero_formation} au catalogue.`);
  const session = formation.sessions.find((candidate) => candidate.id === request.session_id);
  if (session === undefined) {
    throw cpfError('SESSION_INCONNUE', `La formation ${formation.numero_formation} n'a pas de session ${request.session_id}.`);
  }
  if (session.statut !== 'OUVERTE') {
    throw cpfError('SESSION_FERMEE', `La session ${session.id} n'accepte plus d'inscriptions : choisissez une session OUVERTE.`);
  }
  const price = formation.frais_ttc_tot_mean;
  if (session.places_restantes < 1) {
    throw cpfError('SESSION_FERMEE', `La session ${session.id} est complète : choisissez une autre session OUVERTE.`);
  }
  if (price > dossier.compte.solde_euros) {
    throw cpfError(
      'SOLDE_INSUFFISANT',
      `La formation coûte ${price} € et le solde du compte est de ${dossier.compte.solde_euros} €.`,
    );
  }
  const number = dossierId.slice(dossierId.indexOf('-') + 1);
  let inscription: Inscription | undefined;
  const updated = store.update(dossierId, (draft) => {
    inscription = {
      id: `INS-${number}-${draft.inscriptions.length + 1}`,
      numero_formation: formation.numero_formation,
      intitule_formation: formation.intitule_formation,
      session_id: session.id,
      date_inscription: today,
      date_debut_session: session.date_debut,
      montant_euros: price,
      statut: 'VALIDEE',
    };
    draft.compte.solde_euros = euros(draft.compte.solde_euros - price);
    draft.inscriptions.unshift(inscription);
    draft.mouvements.unshift({
      id: `MVT-${number}-${draft.mouvements.length + 1}`,
      date: today,
      type: 'INSCRIPTION',
      montant_euros: -price,
      libelle: `Inscription : ${formation.intitule_formation}`,
    });
  });
  const seatTaken = catalogue.takeSeat(formation.numero_formation, session.id);
  return { status: 201, body: { data: { inscription, session: seatTaken, solde_euros: updated.compte.solde_euros } } };
}
