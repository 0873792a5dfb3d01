import type { AgencyName } from './agencies.ts';
import type { Pivot } from './pivot.ts';

/**
 * A change of situation declared once ("tell us once") and delivered to each agency that holds a
 * file on the person: what the identity subgraph keeps sealed until every agency has answered,
 * what the worker hands each agency subgraph, and what that subgraph answers.
 */
export type DeclaredChange =
  | { kind: 'ADDRESS'; effectiveOn: string; address: { line: string; complement: string | null; postcode: string; city: string } }
  | { kind: 'BANK_DETAILS'; effectiveOn: string; iban: string; bic: string }
  | { kind: 'PHONE'; phone: string }
  | { kind: 'EMAIL'; email: string };

export type ChangeKind = DeclaredChange['kind'];

/** Where an agency subgraph takes a delivery (POST, internal token of the declarations worker). */
export const DELIVERY_PATH = '/internal/v1/changes';

/** The audience of the worker's tokens for one agency subgraph: neither opens its GraphQL door. */
export const deliveryAudience = (subgraph: string): string => `${subgraph}-deliveries`;

/** The actor the declarations worker acts as: a platform process, for the person who declared. */
export const DECLARATIONS_WORKER = { kind: 'platform', name: 'declarations-worker' } as const;

/** What the worker sends: the person (to find their file), the change, and the key that makes it once. */
export interface DeliveryRequest {
  pivot: Pivot;
  change: DeclaredChange;
  /** The declaration's id: the agency applies one change per key, however often it is sent. */
  idempotencyKey: string;
}

/**
 * The agency's answer, final either way: applied, refused for its reason (in French, as the
 * agency wrote it), or no file to apply it to. A failure to reach the agency is not an answer:
 * the subgraph answers 503 and the worker tries again later.
 */
export type DeliveryAnswer =
  | { outcome: 'DELIVERED'; reference: string }
  | { outcome: 'REFUSED'; code: string; reason: string }
  | { outcome: 'NO_FILE' };

/** Which subgraph delivers to each agency. */
export const DELIVERING_SUBGRAPH: Readonly<Record<AgencyName, string>> = {
  cpf: 'training',
  rgcu: 'retirement',
  caf: 'family',
  'france-travail': 'employment',
};
