import type { VerifiedToken } from '../../common/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import type { Pivot } from '../../mocks/population/pivot.ts';
import { forbidden } from './errors.ts';

/** A Person as the gateway hands it to an agency subgraph: its id and, through @requires, its pivot. */
export interface PersonReference {
  id: string;
  pivot: Pivot;
}

/**
 * Defence in depth: even with a valid internal token, a subgraph answers only for a person
 * the token names, only with a scope the token holds, and only when the pivot it is given
 * really belongs to that person id (so a representation cannot be forged to read someone else).
 */
export function authorizePerson(token: VerifiedToken, person: PersonReference, scope: string, personIdKey: string): void {
  if (!token.scopes.has(scope)) throw forbidden(`This access does not include the scope ${scope}.`);
  if (!token.subjects.includes(person.id)) throw forbidden('This access does not cover this person.');
  if (!person.pivot || personIdOf(person.pivot, personIdKey) !== person.id) {
    throw forbidden('This access does not cover this person.');
  }
}
