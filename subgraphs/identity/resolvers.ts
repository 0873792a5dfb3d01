import { GraphQLError } from 'graphql';
import type { VerifiedToken } from '../../common/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import type { Pivot } from '../../mocks/population/pivot.ts';
import { forbidden } from '../shared/errors.ts';

export interface IdentityContext {
  token: VerifiedToken;
}

interface PersonSource {
  id: string;
  pivot: Pivot;
  email: string | null;
}

/** The signed-in citizen, from the identity the gateway put in the token for this subgraph only. */
export function resolveMe(token: VerifiedToken, personIdKey: string): PersonSource {
  if (token.actor.kind !== 'citizen' || !token.identity) {
    throw new GraphQLError('Sign in to read your account: start at /auth/login.', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (!token.scopes.has('identity:read')) throw forbidden('This access does not include the scope identity:read.');
  const { pivot, email } = token.identity;
  const id = token.subjects[0];
  if (!id || personIdOf(pivot, personIdKey) !== id) throw forbidden('The identity does not match the person.');
  return { id, pivot, email };
}

export function toIdentity(person: PersonSource) {
  const { pivot } = person;
  return {
    givenNames: pivot.given_name.split(' ').filter(Boolean),
    familyName: pivot.family_name,
    birthDate: pivot.birthdate,
    gender: pivot.gender === 'female' ? 'FEMALE' : 'MALE',
    birthPlace: pivot.birthplace === '' ? null : pivot.birthplace,
    birthCountry: pivot.birthcountry,
    email: person.email,
  };
}
