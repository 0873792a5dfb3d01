import { createHash } from 'node:crypto';
import type { AgencyClient } from '../shared/agency-client.ts';
import type { ErrorCode } from '../../contract/errors.ts';
import { actionError, refusedByAgency } from '../shared/action-errors.ts';
import type { ActingCitizen } from '../shared/citizen.ts';
import { centsOf } from '../../contract/scalars.ts';
import { toSession } from './catalogue.ts';
import { enrol, type Inscription } from './client.ts';

export interface EnrollInTrainingInput {
  trainingId: string;
  sessionId: string;
  idempotencyKey: string;
}

/**
 * The Caisse des Dépôts' refusals, as the API names them, with what to do. Its own detail is
 * added where it helps (amounts, ids), not for the key: the agency only saw a derived key.
 */
const REFUSALS: Readonly<Record<string, { code: ErrorCode; fix: string; detail: boolean }>> = {
  SOLDE_INSUFFISANT: { code: 'INSUFFICIENT_BALANCE', fix: 'choose a training your CPF balance covers', detail: true },
  FORMATION_INCONNUE: { code: 'UNKNOWN_TRAINING', fix: 'use a training id from the `trainings` search', detail: true },
  SESSION_INCONNUE: { code: 'UNKNOWN_SESSION', fix: "use a session id from the training's `sessions`", detail: true },
  SESSION_FERMEE: { code: 'SESSION_CLOSED', fix: 'choose an OPEN session of the training', detail: true },
  IDEMPOTENCY_KEY_REUSED: {
    code: 'IDEMPOTENCY_KEY_REUSED',
    fix: 'this idempotencyKey was used for another enrolment; use a new key for a new enrolment',
    detail: false,
  },
  NOT_FOUND: { code: 'NOT_KNOWN_TO_AGENCY', fix: 'the Caisse des Dépôts has no CPF for you', detail: false },
};

/** The Caisse des Dépôts' names of the enrolment's fields, and the input fields they come from. */
const INPUT_FIELDS: Readonly<Record<string, string>> = { numero_formation: 'input.trainingId', session_id: 'input.sessionId' };

/** Enrols the citizen at the Caisse des Dépôts; a retry with the same key replays the first answer. */
export async function enrollInTraining(client: AgencyClient, citizen: ActingCitizen, dossierId: string, input: EnrollInTrainingInput) {
  const outcome = await enrol(client, dossierId, {
    trainingId: input.trainingId,
    sessionId: input.sessionId,
    idempotencyKey: agencyIdempotencyKey(citizen.id, input.idempotencyKey),
  });
  if (!outcome.ok) {
    const refusal = REFUSALS[outcome.code];
    if (!refusal) {
      throw refusedByAgency(INPUT_FIELDS[outcome.parameter ?? ''] ?? 'input', `Enrolment refused: check the training and session ids. ${outcome.detail}`, client.refusal(outcome));
    }
    throw actionError(refusal.code, `Enrolment refused: ${refusal.fix}.${refusal.detail ? ` ${outcome.detail}` : ''}`, {
      agency: client.agency,
      cause: client.refusal(outcome),
    });
  }
  const { inscription, session, balanceEuros, replayed } = outcome.enrolment;
  return { enrolment: toEnrolment(inscription), session: toSession(session), balance: centsOf(balanceEuros), replayed };
}

/**
 * The agency sees the platform as one client, so two citizens' keys could collide there: the
 * key it gets is the citizen's key namespaced by the person (hashed, so it reveals neither).
 */
function agencyIdempotencyKey(personId: string, clientKey: string): string {
  return createHash('sha256').update(`${personId}\u001f${clientKey}`).digest('base64url');
}

export function toEnrolment(inscription: Inscription) {
  return {
    id: inscription.id,
    trainingId: inscription.numero_formation,
    title: inscription.intitule_formation,
    sessionId: inscription.session_id,
    enrolledOn: inscription.date_inscription,
    sessionStartsOn: inscription.date_debut_session,
    amount: centsOf(inscription.montant_euros),
    status: inscription.statut === 'VALIDEE' ? ('CONFIRMED' as const) : ('CANCELLED' as const),
  };
}
