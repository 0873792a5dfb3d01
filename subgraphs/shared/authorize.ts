import { hasGrant, type VerifiedToken } from '../../contract/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import type { Pivot } from '../../contract/pivot.ts';
import type { GraphQLError } from 'graphql';
import { forbidden } from './errors.ts';

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

/**
 * FORBIDDEN for a scope the token lacks here: named when the token holds it for no one, and
 * "this person" otherwise, so the message never says more about others than the caller knows.
 */
export function scopeRefusal(token: VerifiedToken, scope: string): GraphQLError {
  const heldBySomeone = Object.values(token.grants).some((scopes) => scopes.includes(scope));
  return forbidden(heldBySomeone ? 'This access does not cover this person.' : `This access does not include the scope ${scope}.`);
}
