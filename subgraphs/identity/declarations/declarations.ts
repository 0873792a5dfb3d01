import { isDeepStrictEqual } from 'node:util';
import type { AgencyName } from '../../../contract/agencies.ts';
import type { ChangeKind, DeclaredChange } from '../../../contract/declarations.ts';
import { badUserInput, PlatformError } from '../../../contract/errors.ts';
import type { Pivot } from '../../../contract/pivot.ts';
import { jobId, type JobQueue } from '../../../common/queue/job-queue.ts';
import type { SealedBox } from '../../../common/sealed-box.ts';
import { AGENCY_ENUM } from '../../shared/agencies.ts';
import type { Declaration, DeclarationStore, DeliveryStatus } from '../store/declarations.ts';
import { checkAgencies, checkChange, checkDeclarationKey, type ChangeInput } from './validate.ts';

/** The queue the worker takes deliveries from: one job per (declaration, agency). */
export const DELIVERY_QUEUE = 'declaration-delivery';

export interface DeliveryJob {
  declarationId: string;
  agency: AgencyName;
}

/** How a delivery is retried while its agency cannot be reached. */
export interface DeliveryRetry {
  retryLimit: number;
  retryDelaySeconds: number;
}

/** 10 s, 20 s, 40 s… (with jitter): twelve retries cover an agency down for about eleven hours. */
const DEFAULT_RETRY: DeliveryRetry = { retryLimit: 12, retryDelaySeconds: 10 };

/** What the sealed column holds: who to find at the agency, and what changes. */
export interface SealedDeclaration {
  pivot: Pivot;
  change: DeclaredChange;
}

/** The sealing purpose: the identity subgraph seals with it, the worker opens with it. */
export const DECLARATION_SEAL = 'declarations';

/** The delivery job of one agency; the same for every send, so a replay enqueues nothing new. */
export const deliveryJobId = (declarationId: string, agency: AgencyName) => jobId(DELIVERY_QUEUE, declarationId, agency);

export interface Declarations {
  declare(person: { id: string; pivot: Pivot }, args: { change: ChangeInput; agencies?: AgencyName[] | null; idempotencyKey: string }): Promise<Declaration>;
  cancel(personId: string, id: string): Promise<Declaration>;
}

/**
 * Declaring: check every field, keep the change sealed with one pending delivery per agency
 * (once per idempotency key), then enqueue one job per agency. A replay enqueues the pending
 * ones again, which is a no-op when they are there: so a declaration stored by a process that
 * died before enqueueing is delivered once its client retries.
 */
export function declarations(deps: { store: DeclarationStore; box: SealedBox; queue: JobQueue; retry?: DeliveryRetry; now: () => Date }): Declarations {
  const { store, box, queue, now } = deps;
  const retry = deps.retry ?? DEFAULT_RETRY;
  return {
    async declare(person, args) {
      checkDeclarationKey(args.idempotencyKey);
      const at = now();
      const change = checkChange(args.change, at.toISOString().slice(0, 10));
      const agencies = checkAgencies(args.agencies);
      const { declaration, created } = await store.declare({
        personId: person.id,
        idempotencyKey: args.idempotencyKey,
        kind: change.kind,
        agencies,
        declaredAt: at,
        seal: (id) => box.seal({ pivot: person.pivot, change } satisfies SealedDeclaration, id),
      });
      if (!created && !sameDeclaration(declaration, change, agencies, box)) {
        throw new PlatformError('IDEMPOTENCY_KEY_REUSED', {
          message: 'This idempotencyKey was used for another declaration: make a new key for a new declaration.',
        });
      }
      for (const delivery of declaration.deliveries.filter((d) => d.status === 'PENDING')) {
        await queue.send<DeliveryJob>(DELIVERY_QUEUE, { declarationId: declaration.id, agency: delivery.agency }, {
          id: deliveryJobId(declaration.id, delivery.agency),
          ...retry,
          retryBackoff: true,
        });
      }
      return declaration;
    },
    async cancel(personId, id) {
      const result = await store.cancel(personId, id, now());
      if (!result) throw badUserInput('id', 'DECLARATION_NOT_FOUND', `You have no declaration with the id "${id}"; see me.declarations.`);
      if (!result.cancelled) {
        throw badUserInput('id', 'ALREADY_ANSWERED', 'Every agency has already answered this declaration: there is nothing left to cancel.');
      }
      return result.declaration;
    },
  };
}

/** A replay: the same agencies, and the same change while it is still kept (its kind after). */
function sameDeclaration(declaration: Declaration, change: DeclaredChange, agencies: AgencyName[], box: SealedBox): boolean {
  const sameAgencies = isDeepStrictEqual(declaration.deliveries.map((d) => d.agency).sort(), [...agencies].sort());
  if (!sameAgencies || declaration.kind !== change.kind) return false;
  return declaration.sealed === null || isDeepStrictEqual(box.open<SealedDeclaration>(declaration.sealed, declaration.id).change, change);
}

/** The public shape of a declaration: its receipt. */
export function toDeclaration(declaration: Declaration) {
  return {
    id: declaration.id,
    receiptNumber: declaration.receipt,
    kind: declaration.kind,
    declaredAt: declaration.declaredAt.toISOString(),
    cancelledAt: declaration.cancelledAt?.toISOString() ?? null,
    deliveries: declaration.deliveries.map((delivery) => ({
      agency: AGENCY_ENUM[delivery.agency],
      status: delivery.status,
      reason: delivery.reason,
      answeredAt: delivery.answeredAt?.toISOString() ?? null,
    })),
    complete: declaration.deliveries.every((delivery) => delivery.status !== 'PENDING'),
  };
}

/** The agency of an `Agency` enum value. */
export function agencyOf(value: string): AgencyName {
  const found = (Object.entries(AGENCY_ENUM) as Array<[AgencyName, string]>).find(([, name]) => name === value);
  if (!found) throw badUserInput('agencies', 'INVALID_FORMAT', `Unknown agency ${value}.`);
  return found[0];
}

const CHANGE_TITLES: Record<ChangeKind, string> = {
  ADDRESS: 'Changement d’adresse',
  BANK_DETAILS: 'Changement de coordonnées bancaires',
  PHONE: 'Changement de numéro de téléphone',
  EMAIL: 'Changement d’adresse électronique',
};

const ANSWER_TITLES: Partial<Record<DeliveryStatus, string>> = {
  DELIVERED: 'pris en compte',
  REFUSED: 'refusé',
};

/** Each agency's answer to the person's declarations, as timeline events: the receipt, never the change. */
export function declarationEvents(declarations: readonly Declaration[], today: string) {
  return declarations.flatMap((declaration) =>
    declaration.deliveries.flatMap((delivery) => {
      const answer = ANSWER_TITLES[delivery.status];
      if (!answer || !delivery.answeredAt) return [];
      const date = delivery.answeredAt.toISOString().slice(0, 10);
      if (date > today) return [];
      return [
        {
          id: `declaration:${declaration.id}:${delivery.agency}`,
          date,
          agency: AGENCY_ENUM[delivery.agency],
          kind: 'SITUATION_CHANGE' as const,
          title: `${CHANGE_TITLES[declaration.kind]} ${answer} (déclaration n° ${declaration.receipt})`,
          amount: null,
        },
      ];
    }),
  );
}
