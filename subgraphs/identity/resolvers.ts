import type DataLoader from 'dataloader';
import type { VerifiedToken } from '../../contract/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import type { ThirdParty } from '../../common/third-parties.ts';
import type { Pivot } from '../../contract/pivot.ts';
import { forbidden, PlatformError } from '../../contract/errors.ts';
import type { ScopedContext } from '../../common/subgraph/scopes.ts';
import { personNotFound } from './errors.ts';

export interface IdentityContext extends ScopedContext {
  /** Pivots of persons who consented to the calling third party, batched per request. */
  pivots: DataLoader<string, Pivot | null>;
}

export interface PersonSource {
  id: string;
  pivot: Pivot;
  email: string | null;
}

/** The signed-in citizen, from the identity the gateway put in the token for this subgraph only. */
export function resolveMe(token: VerifiedToken, personIdKey: string): PersonSource {
  if (token.actor.kind !== 'citizen' || !token.identity) {
    throw new PlatformError('UNAUTHENTICATED', { message: 'Sign in to read your account: start at /auth/login.' });
  }
  const { pivot, email = null } = token.identity;
  const id = personIdOf(pivot, personIdKey);
  if (!Object.hasOwn(token.grants, id)) throw forbidden('The identity does not match the person.');
  return { id, pivot, email };
}

/**
 * A person the caller may read: the citizen themselves, or someone whose consent gave the
 * caller at least one scope. Anyone else is `personNotFound`, decided before any lookup so that
 * existence never shows.
 */
export async function resolvePerson(context: IdentityContext, id: string, personIdKey: string): Promise<PersonSource> {
  const { token } = context;
  if (token.actor.kind === 'citizen') {
    const me = resolveMe(token, personIdKey);
    if (me.id === id) return me;
    throw personNotFound();
  }
  if (token.actor.kind !== 'third_party' || !(token.grants[id]?.length)) throw personNotFound();
  const pivot = await context.pivots.load(id);
  if (!pivot) throw personNotFound();
  return { id, pivot, email: null };
}

export function toIdentity(person: PersonSource) {
  const { pivot } = person;
  return {
    givenNames: pivot.given_name.split(' ').filter(Boolean),
    familyName: pivot.family_name,
    birthDate: pivot.birthdate,
    gender: pivot.gender === 'female' ? ('FEMALE' as const) : ('MALE' as const),
    birthPlace: pivot.birthplace === '' ? null : pivot.birthplace,
    birthCountry: pivot.birthcountry,
    email: person.email,
  };
}

export function toThirdParty(thirdParty: Pick<ThirdParty, 'clientId' | 'name' | 'kind'>, scopes: readonly string[]) {
  return { id: thirdParty.clientId, name: thirdParty.name, kind: thirdParty.kind, scopes };
}

/** Ids of the persons the calling third party may read now, in a stable order. */
export function beneficiaryIds(token: VerifiedToken): string[] {
  if (token.actor.kind !== 'third_party') {
    throw forbidden('Only third parties have beneficiaries: call with a bearer token from the provider.');
  }
  return Object.entries(token.grants)
    .filter(([, scopes]) => scopes.length > 0)
    .map(([id]) => id)
    .sort();
}
