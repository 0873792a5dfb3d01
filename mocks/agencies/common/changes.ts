import type { FastifyInstance } from 'fastify';
import { AgencyHttpError, fail, received } from './errors.ts';
import { asOutcome, IdempotencyKeys, idempotencyKey, type Outcome } from './idempotency.ts';

/** A change of situation as the agencies receive it (CONTRACT.md, "Changes of situation"). */
export type Changement =
  | { type: 'ADRESSE'; date_effet: string; adresse: { ligne: string; complement: string | null; code_postal: string; commune: string } }
  | { type: 'COORDONNEES_BANCAIRES'; date_effet: string; iban: string; bic: string }
  | { type: 'TELEPHONE'; telephone: string }
  | { type: 'EMAIL'; email: string };

/** What the agency holds to reach and pay the person, as changed through this route. */
export interface Coordonnees {
  adresse: Extract<Changement, { type: 'ADRESSE' }>['adresse'] | null;
  date_effet_adresse: string | null;
  coordonnees_bancaires: { iban: string; bic: string; date_effet: string } | null;
  telephone: string | null;
  email: string | null;
  changements: Array<{ id: string; type: Changement['type']; date_reception: string }>;
}

/** An agency's own reason to refuse a change it received well formed; undefined accepts it. */
export type ChangePolicy = (change: Changement) => AgencyHttpError | undefined;

const POSTCODE = /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `POST /v1/dossiers/{id}/changements` (a change of address, bank details, phone or email,
 * applied once per Idempotency-Key) and `GET /v1/dossiers/{id}/coordonnees` (what the file holds
 * now). Each agency passes its own policy: what it refuses for its own reasons.
 */
export function registerChangeRoutes(
  app: FastifyInstance,
  exists: (dossierId: string) => boolean,
  clock: () => Date,
  policy: ChangePolicy = () => undefined,
): void {
  const files = new Map<string, Coordonnees>();
  const keys = new IdempotencyKeys();
  const fileOf = (id: string): Coordonnees =>
    files.get(id) ?? { adresse: null, date_effet_adresse: null, coordonnees_bancaires: null, telephone: null, email: null, changements: [] };

  app.post<{ Params: { id: string } }>('/v1/dossiers/:id/changements', async (request, reply) => {
    const key = idempotencyKey(request.headers['idempotency-key']);
    const dossierId = request.params.id;
    const change = changement(request.body);
    const { replayed, outcome } = keys.run(key, JSON.stringify([dossierId, change]), () =>
      asOutcome(() => apply(dossierId, change, clock().toISOString())),
    );
    const { status, body } = await outcome;
    if (replayed) reply.header('Idempotent-Replayed', 'true');
    return reply.code(status).send(body);
  });

  app.get<{ Params: { id: string } }>('/v1/dossiers/:id/coordonnees', async (request) => {
    if (!exists(request.params.id)) throw fail('NOT_FOUND', `Aucun dossier ${request.params.id}.`);
    return { data: fileOf(request.params.id) };
  });

  function apply(dossierId: string, change: Changement, now: string): Outcome {
    if (!exists(dossierId)) throw fail('NOT_FOUND', `Aucun dossier ${dossierId}.`);
    const refusal = policy(change);
    if (refusal) throw refusal;
    const file = structuredClone(fileOf(dossierId));
    const id = `CHG-${dossierId}-${file.changements.length + 1}`;
    if (change.type === 'ADRESSE') {
      file.adresse = change.adresse;
      file.date_effet_adresse = change.date_effet;
    } else if (change.type === 'COORDONNEES_BANCAIRES') {
      file.coordonnees_bancaires = { iban: change.iban, bic: change.bic, date_effet: change.date_effet };
    } else if (change.type === 'TELEPHONE') {
      file.telephone = change.telephone;
    } else {
      file.email = change.email;
    }
    file.changements.unshift({ id, type: change.type, date_reception: now });
    files.set(dossierId, file);
    return { status: 201, body: { data: { id, type: change.type, date_reception: now } } };
  }
}

function changement(body: unknown): Changement {
  const fields = record(body, 'body');
  const text = (from: Record<string, unknown>, name: string, pattern: RegExp, parameter = name): string => {
    const value = from[name];
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw fail('INVALID_PARAMETER', `${parameter} est absent ou invalide (reçu : ${received(value)}).`, parameter);
    }
    return value;
  };
  switch (fields.type) {
    case 'ADRESSE': {
      const adresse = record(fields.adresse, 'adresse');
      const complement = adresse.complement;
      if (complement !== undefined && complement !== null && (typeof complement !== 'string' || complement.length > 38)) {
        throw fail('INVALID_PARAMETER', `adresse.complement doit faire au plus 38 caractères (reçu : ${received(complement)}).`, 'adresse.complement');
      }
      return {
        type: 'ADRESSE',
        date_effet: text(fields, 'date_effet', DATE),
        adresse: {
          ligne: text(adresse, 'ligne', /^.{1,38}$/, 'adresse.ligne'),
          complement: (complement as string | null | undefined) ?? null,
          code_postal: text(adresse, 'code_postal', POSTCODE, 'adresse.code_postal'),
          commune: text(adresse, 'commune', /^.{1,38}$/, 'adresse.commune'),
        },
      };
    }
    case 'COORDONNEES_BANCAIRES':
      return { type: 'COORDONNEES_BANCAIRES', date_effet: text(fields, 'date_effet', DATE), iban: text(fields, 'iban', IBAN), bic: text(fields, 'bic', BIC) };
    case 'TELEPHONE':
      return { type: 'TELEPHONE', telephone: text(fields, 'telephone', E164) };
    case 'EMAIL':
      return { type: 'EMAIL', email: text(fields, 'email', EMAIL) };
    default:
      throw fail(
        'INVALID_PARAMETER',
        `type doit être ADRESSE, COORDONNEES_BANCAIRES, TELEPHONE ou EMAIL (reçu : ${received(fields.type)}).`,
        'type',
      );
  }
}

function record(value: unknown, parameter: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('INVALID_PARAMETER', `${parameter} doit être un objet JSON (reçu : ${received(value)}).`, parameter);
  }
  return value as Record<string, unknown>;
}
