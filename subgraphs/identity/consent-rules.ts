import type { ThirdParty, ThirdPartyRegistry } from '../../common/third-parties.ts';
import { badUserInput } from '../../contract/errors.ts';
import { NOTIFICATIONS_PURPOSE } from '../../contract/notifications.ts';
import { parameters, valueOn } from '../../rules/parameters.ts';

const MAX_PURPOSE_TEXT = 500;

export interface ConsentRequest {
  grantee: string;
  scopes: readonly string[];
  purpose: { code: string; text: string };
  /** The end asked for, or how many months from now: one of the two. */
  expiresAt?: Date | null;
  durationMonths?: number | null;
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
  // The platform's own consent is a notification subscription, made by subscribeToNotifications.
  if (!grantee || grantee.kind === 'PLATFORM') {
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
  if (request.purpose.code === NOTIFICATIONS_PURPOSE.code) {
    throw badUserInput('purpose.code', 'NOT_EXPECTED', `${NOTIFICATIONS_PURPOSE.code} is the purpose of the platform's own notifications: choose another code.`);
  }
  const text = request.purpose.text.trim();
  if (text.length === 0 || text.length > MAX_PURPOSE_TEXT) {
    throw badUserInput('purpose.text', text.length === 0 ? 'REQUIRED' : 'OUT_OF_RANGE', `The purpose text must be 1 to ${MAX_PURPOSE_TEXT} characters.`);
  }
  const { maxMonths } = valueOn(parameters.consent.duration, now.toISOString().slice(0, 10));
  const expiresAt = expiryOf(request, now, maxMonths);
  if (expiresAt.getTime() <= now.getTime()) {
    throw badUserInput('expiresAt', 'EXPIRY_IN_PAST', `expiresAt must be after now (${now.toISOString()}).`);
  }
  const latest = monthsLater(now, maxMonths);
  if (expiresAt.getTime() > latest.getTime()) {
    throw badUserInput('expiresAt', 'EXPIRY_TOO_FAR', `A consent lasts at most ${maxMonths} months: expiresAt must be at most ${latest.toISOString()}.`);
  }
  return { grantee, scopes, purpose: { code: request.purpose.code, text }, expiresAt };
}

/** The end asked for: an instant, or a number of calendar months from now, never both. */
function expiryOf(request: ConsentRequest, now: Date, maxMonths: number): Date {
  const { expiresAt, durationMonths } = request;
  if ((expiresAt == null) === (durationMonths == null)) {
    throw badUserInput('durationMonths', 'INVALID_DURATION', 'Give either durationMonths (1 to 12) or expiresAt, not both and not neither.');
  }
  if (expiresAt != null) return expiresAt;
  if (!Number.isInteger(durationMonths) || durationMonths! < 1 || durationMonths! > maxMonths) {
    throw badUserInput('durationMonths', 'INVALID_DURATION', `durationMonths must be a whole number from 1 to ${maxMonths} (got ${durationMonths}).`);
  }
  return monthsLater(now, durationMonths!);
}

/**
 * The end of a term of `months` calendar months started at `start`: the same day of the month
 * that many months later, at the same time, or the last day of that month when it has no such
 * day (Code de procédure civile, art. 641). A consent given on 3 December 2026 for a year ends
 * on 3 December 2027, never later than the duration chosen. Counted on the UTC calendar.
 */
export function monthsLater(start: Date, months: number): Date {
  const end = new Date(start);
  const day = start.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}
