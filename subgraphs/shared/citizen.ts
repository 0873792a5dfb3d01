import { forbidden, PlatformError } from '../../contract/errors.ts';
import type { VerifiedToken } from '../../contract/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import type { Pivot } from '../../contract/pivot.ts';

/** The person acting on their own rights, as the internal token names them. */
export interface ActingCitizen {
  id: string;
  pivot: Pivot;
}

/**
 * Actions (enrolment, messages, monthly update) are for the signed-in citizen alone: the
 * gateway puts their identity in the token, and it must be the identity of a person the token grants,
 * so a token cannot be replayed to act on someone else's file.
 */
export function actingCitizen(token: VerifiedToken, personIdKey: string): ActingCitizen {
  if (token.actor.kind !== 'citizen' || !token.identity) {
    throw new PlatformError('UNAUTHENTICATED', { message: 'Sign in to act on your rights: start at /auth/login.' });
  }
  const { pivot } = token.identity;
  const id = personIdOf(pivot, personIdKey);
  if (!Object.hasOwn(token.grants, id)) throw forbidden('The identity does not match the person.');
  return { id, pivot };
}
