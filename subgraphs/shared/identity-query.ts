import type { Pivot } from '../../contract/pivot.ts';

/** One key per identity, so a request asking twice for one person makes one lookup. */
export function pivotKey(pivot: Pivot): string {
  return [pivot.family_name, pivot.given_name, pivot.birthdate, pivot.gender, pivot.birthplace, pivot.birthcountry].join(
    '\u001f',
  );
}
