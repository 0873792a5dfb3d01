import { z } from 'zod';

import { pivotSchema, type SessionIdentity } from '../session/sessions.ts';
import { AuthError } from './errors.ts';

// FranceConnect's formats for the scopes `openid identite_pivot email`.
const userinfoSchema = pivotSchema.extend({
  sub: z.string().min(1),
  email: z.string().optional(),
});

/** The identity to keep in the session, from verified userinfo claims. */
export function identityFromUserinfo(claims: unknown): SessionIdentity {
  const parsed = userinfoSchema.safeParse(claims);
  if (!parsed.success) throw new AuthError('IDENTITY_PROVIDER_BAD_RESPONSE', { cause: parsed.error });
  const { sub, email, ...pivot } = parsed.data;
  return { sub, pivot, email: email ?? null };
}
