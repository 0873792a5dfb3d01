import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DECLARATIONS_WORKER,
  DELIVERY_PATH,
  deliveryAudience,
  type DeclaredChange,
  type DeliveryAnswer,
} from '../../contract/declarations.ts';
import { errorBody, PlatformError } from '../../contract/errors.ts';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Pivot } from '../../contract/pivot.ts';
import { requireInternalToken } from '../../common/subgraph/server.ts';
import type { AgencyClient } from './agency-client.ts';
import { AgencyError } from './errors.ts';

const pivot = z.object({
  given_name: z.string().min(1),
  family_name: z.string().min(1),
  birthdate: z.string(),
  gender: z.enum(['male', 'female']),
  birthplace: z.string(),
  birthcountry: z.string(),
});

const change = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ADDRESS'),
    effectiveOn: z.string(),
    address: z.object({ line: z.string(), complement: z.string().nullable(), postcode: z.string(), city: z.string() }),
  }),
  z.object({ kind: z.literal('BANK_DETAILS'), effectiveOn: z.string(), iban: z.string(), bic: z.string() }),
  z.object({ kind: z.literal('PHONE'), phone: z.string() }),
  z.object({ kind: z.literal('EMAIL'), email: z.string() }),
]);

const deliveryRequest = z.object({ pivot, change, idempotencyKey: z.string().min(1).max(200) });

const applied = z.object({ data: z.object({ id: z.string() }) });

export interface DeliveryRouteDeps {
  /** The subgraph's name: the worker's tokens for it carry `<name>-deliveries` as audience. */
  subgraph: string;
  tokenKey: VerificationKey;
  client: AgencyClient;
  /** The person's file id at the agency, or null when it holds none. */
  findDossier: (pivot: Pivot) => Promise<string | null>;
}

/**
 * `POST /internal/v1/changes`: the declarations worker hands a change to the agency subgraph,
 * which applies it at its agency as it reads it (its client, its API key), with the
 * declaration's id as Idempotency-Key. Answers the agency's final word (contract/declarations.ts);
 * an agency that cannot be reached is 503, and the worker retries.
 */
export async function registerDeliveryRoute(app: FastifyInstance, deps: DeliveryRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireInternalToken(deps.tokenKey, deliveryAudience(deps.subgraph)));
    scope.post(DELIVERY_PATH, async (request, reply) => {
      const actor = request.internalToken?.actor;
      if (actor?.kind !== 'platform' || actor.name !== DECLARATIONS_WORKER.name) {
        return reply.code(403).send(errorBody(new PlatformError('FORBIDDEN', { message: 'Only the declarations worker delivers changes.' })));
      }
      const parsed = deliveryRequest.safeParse(request.body);
      if (!parsed.success) {
        return reply.code(400).send(errorBody(new PlatformError('BAD_REQUEST', { message: 'Expected {pivot, change, idempotencyKey}.' })));
      }
      try {
        const answer: DeliveryAnswer = await deliver(deps, parsed.data.pivot, parsed.data.change, parsed.data.idempotencyKey);
        return answer;
      } catch (error) {
        if (!(error instanceof AgencyError)) throw error;
        request.log.warn({ err: error }, 'delivery: agency unavailable');
        return reply.code(503).send(errorBody(error));
      }
    });
  });
}

async function deliver(deps: DeliveryRouteDeps, person: Pivot, declared: DeclaredChange, idempotencyKey: string): Promise<DeliveryAnswer> {
  const dossierId = await deps.findDossier(person);
  if (dossierId === null) return { outcome: 'NO_FILE' };
  const answer = await deps.client.request({
    method: 'POST',
    path: `/v1/dossiers/${encodeURIComponent(dossierId)}/changements`,
    body: agencyChange(declared),
    idempotencyKey,
    schema: applied,
    answerStatuses: [400, 404, 409, 422],
  });
  if (answer.ok) return { outcome: 'DELIVERED', reference: answer.data.data.id };
  if (answer.status === 404) return { outcome: 'NO_FILE' };
  return { outcome: 'REFUSED', code: answer.code, reason: answer.detail };
}

/** The change in the agencies' terms (mocks/agencies/CONTRACT.md, "Changes of situation"). */
function agencyChange(declared: DeclaredChange) {
  switch (declared.kind) {
    case 'ADDRESS':
      return {
        type: 'ADRESSE',
        date_effet: declared.effectiveOn,
        adresse: { ligne: declared.address.line, complement: declared.address.complement, code_postal: declared.address.postcode, commune: declared.address.city },
      };
    case 'BANK_DETAILS':
      return { type: 'COORDONNEES_BANCAIRES', date_effet: declared.effectiveOn, iban: declared.iban, bic: declared.bic };
    case 'PHONE':
      return { type: 'TELEPHONE', telephone: declared.phone };
    case 'EMAIL':
      return { type: 'EMAIL', email: declared.email };
  }
}
