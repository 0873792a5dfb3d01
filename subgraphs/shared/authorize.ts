import { forbidden } from '../../contract/errors.ts';
import { hasGrant, type VerifiedToken } from '../../contract/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import { scopeRefusal } from '../../common/subgraph/scopes.ts';
import type { Pivot } from '../../contract/pivot.ts';

/** A Person as the gateway hands it to an agency subgraph: its id and, through @requires, its pivot. */
export interface PersonReference {
  id: string;
  pivot: Pivot;
}

/**
 * Defence in depth: even with a valid internal token, a subgraph answers only for a person the
 * token grants this scope on, and only when the pivot it is given really belongs to that person
 * id (an HMAC under the platform key), so a representation cannot pair a granted id with someone
 * else's pivot. The public field also declares its scope (`@requiresScopes`, checked first);
 * this check covers the internal paths that read the section too.
 */
export function authorizePerson(token: VerifiedToken, person: PersonReference, scope: string, personIdKey: string): void {
  if (!hasGrant(token, person.id, scope)) throw scopeRefusal(token, scope);
  if (!person.pivot || personIdOf(person.pivot, personIdKey) !== person.id) {
    throw forbidden('This access does not cover this person.');
  }
}

