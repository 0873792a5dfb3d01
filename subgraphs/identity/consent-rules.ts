import type { ThirdParty, ThirdPartyRegistry } from '../../common/third-parties.ts';
import { badUserInput } from '../../contract/errors.ts';

/** A consent lasts at most a year (the Account Aggregator artefact's practice). */
const MAX_CONSENT_DAYS = 365;
const MAX_PURPOSE_TEXT = 500;

export interface ConsentRequest {
  grantee: string;
  scopes: readonly string[];
  purpose: { code: string; text: string };
  expiresAt: Date;
}

export interface CheckedConsent {
  grantee: ThirdParty;
  scopes: string[];
  purpose: { code: string; text: string };
  expiresAt: Date;
}

/** Checks a citizen's consent request against the registry and the clock; throws a BAD_USER_INPUT that says what to fix. */
export function checkConsentRequest(request: ConsentRequest, registry: ThirdPartyRegistry, now: Date): CheckedConsent {
  const grantee = registry.get(request.grantee);
  if (!grantee) {
    throw badUserInput(
      'grantee',
      'UNKNOWN_GRANTEE',
      `No registered third party has the id "${request.grantee}". Query thirdParties for the ids you can use.`,
    );
  }
  const scopes = [...new Set(request.scopes)].sort();
  if (scopes.length === 0) throw badUserInput('scopes', 'REQUIRED', `Give at least one scope, among: ${grantee.scopes.join(', ')}.`);
  const refused = scopes.filter((scope) => !(grantee.scopes as readonly string[]).includes(scope));
  if (refused.length > 0) {
    throw badUserInput(
      'scopes',
      'SCOPE_NOT_ALLOWED',
      `${grantee.name} may not ask for ${refused.join(', ')}; it may ask for: ${grantee.scopes.join(', ')}.`,
    );
  }
  const text = request.purpose.text.trim();
  if (text.length === 0 || text.length > MAX_PURPOSE_TEXT) {
    throw badUserInput('purpose.text', text.length === 0 ? 'REQUIRED' : 'OUT_OF_RANGE', `The purpose text must be 1 to ${MAX_PURPOSE_TEXT} characters.`);
  }
  if (request.expiresAt.getTime() <= now.getTime()) {
    throw badUserInput('expiresAt', 'EXPIRY_IN_PAST', `expiresAt must be after now (${now.toISOString()}).`);
  }
  const latest = new Date(now.getTime() + MAX_CONSENT_DAYS * 86_400_000);
  if (request.expiresAt.getTime() > latest.getTime()) {
    throw badUserInput('expiresAt', 'EXPIRY_TOO_FAR', `A consent lasts at most one year: expiresAt must be at most ${latest.toISOString()}.`);
  }
  return { grantee, scopes, purpose: { code: request.purpose.code, text }, expiresAt: request.expiresAt };
}
