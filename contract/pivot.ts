/**
 * The FranceConnect identité pivot, in FranceConnect's own formats. It is what the provider
 * asserts and what every agency reconciles a person on.
 */
export interface Pivot {
  /** First names, space separated, in civil-status order ("Camille Marie"). */
  given_name: string;
  /** Birth name, as written in the civil status. */
  family_name: string;
  /** YYYY-MM-DD */
  birthdate: string;
  gender: 'male' | 'female';
  /** INSEE (COG) commune code of birth; empty string for people born abroad. */
  birthplace: string;
  /** INSEE (COG) country code of birth; 99100 is France. */
  birthcountry: string;
}

export const FRANCE = '99100';
