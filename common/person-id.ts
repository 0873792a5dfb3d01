import { createHmac } from 'node:crypto';
import type { Pivot } from '../contract/pivot.ts';

/**
 * The platform's id for a person: an HMAC of the identité pivot under a platform key.
 * Stable across logins and providers' pairwise subs, meaningless without the key, and
 * checkable: a subgraph given a pivot and an id can tell whether they belong together.
 */
export function personIdOf(pivot: Pivot, key: string): string {
  const canonical = [
    pivot.family_name.normalize('NFC'),
    pivot.given_name.normalize('NFC'),
    pivot.birthdate,
    pivot.gender,
    pivot.birthplace,
    pivot.birthcountry,
  ].join('\u001f');
  return createHmac('sha256', key).update(canonical).digest('base64url');
}
