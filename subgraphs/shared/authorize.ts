import { personIdOf } from '../../common/person-id.ts';
import type { Pivot } from '../../mocks/population/pivot.ts';
import { forbidden } from './errors.ts';

/** A Person as the gateway hands it to an agency subgraph: its id and, through @requires, its pivot. */
export interface PersonReference {
  id: string;
  pivot: Pivot;
}

/**
 * Defence in depth, after `@requiresScopes` checked the token's grant for this person id: the
 * pivot the subgraph is given must really belong to that id (an HMAC under the platform key),
 * so a representation cannot pair a granted id with someone else's pivot.
 */
export function assertPivotBelongs(person: PersonReference, personIdKey: string): void {
  if (!person.pivot || personIdOf(person.pivot, personIdKey) !== person.id) {
    throw forbidden('This access does not cover this person.');
  }
}
