import { timingSafeEqual } from 'node:crypto';

import type { Account } from 'oidc-provider';

import type { PersonaIdentity } from '../population/personas.ts';
import type { Pivot } from '../../contract/pivot.ts';

/** The claims FranceConnect releases for the scopes `openid identite_pivot email`, in its formats. */
export type FranceConnectClaims = Pivot & { email: string };

/** FranceConnect's eIDAS low level: what a password login proves. */
export const ACR_EIDAS1 = 'eidas1';

export const PIVOT_CLAIMS = ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry'] as const;

/** The persona directory behind the login form: who may sign in and what the provider asserts. */
export interface AccountDirectory {
  /** The account id of the persona whose login and password these are, or undefined. */
  authenticate(login: string, password: string): string | undefined;
  /** oidc-provider's `findAccount`: the persona's claims, the `sub` being replaced by the pairwise one. */
  findAccount(accountId: string): Account | undefined;
}

export function createAccountDirectory(personas: readonly PersonaIdentity[], password: string): AccountDirectory {
  // The login is the account id: stable, and never leaves the provider (clients see a pairwise sub).
  const byLogin = new Map(personas.map((persona) => [persona.login, persona]));
  return {
    authenticate(login, given) {
      const persona = byLogin.get(login.trim().toLowerCase());
      return persona && equalSecrets(given, password) ? persona.login : undefined;
    },
    findAccount(accountId) {
      const persona = byLogin.get(accountId);
      if (!persona) return undefined;
      const claims = { sub: accountId, ...toFranceConnectClaims(persona) };
      return { accountId, claims: () => claims };
    },
  };
}

export function toFranceConnectClaims({ pivot, email }: PersonaIdentity): FranceConnectClaims {
  return { ...pivot, email };
}

function equalSecrets(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
