import { z } from 'zod';

import type { SessionIdentity } from '../session/sessions.ts';
import { AuthError } from './errors.ts';

// FranceConnect's formats for the scopes `openid identite_pivot email`.
const userinfoSchema = z.object({
  sub: z.string().min(1),
  given_name: z.string(),
  family_name: z.string(),
  birthdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: z.enum(['male', 'female']),
  birthplace: z.string(),
  birthcountry: z.string(),
  email: z.string().optional(),
});

/** The identity to keep in the session, from verified userinfo claims. */
export function identityFromUserinfo(claims: unknown): SessionIdentity {
  const parsed = userinfoSchema.safeParse(claims);
  if (!parsed.success) throw new AuthError('IDENTITY_PROVIDER_BAD_RESPONSE', { cause: parsed.error });
  const { sub, email, ...pivot } = parsed.data;
  return { sub, pivot, email: email ?? null };
}
