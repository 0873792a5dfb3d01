import type { Pivot } from '../../contract/pivot.ts';

/** One password for every demo persona at the mock provider (documented in the README). */
export const DEMO_PASSWORD = 'compte-des-comptes';

export interface PersonaIdentity {
  /** What the person types in the provider's login form. */
  login: string;
  email: string;
  pivot: Pivot;
}

/**
 * The named demo personas. Their situations at each agency are curated in the population;
 * here is who they are, which is all the identity provider needs.
 */
export const personaIdentities: readonly PersonaIdentity[] = [
  {
    login: 'camille.martin',
    email: 'camille.martin@example.fr',
    pivot: { given_name: 'Camille Marie', family_name: 'MARTIN', birthdate: '1986-03-14', gender: 'female', birthplace: '69123', birthcountry: '99100' },
  },
  {
    login: 'karim.benali',
    email: 'karim.benali@example.fr',
    pivot: { given_name: 'Karim', family_name: 'BENALI', birthdate: '1983-09-02', gender: 'male', birthplace: '13055', birthcountry: '99100' },
  },
  {
    login: 'sophie.lefevre',
    email: 'sophie.lefevre@example.fr',
    pivot: { given_name: 'Sophie Anne', family_name: 'LEFÈVRE', birthdate: '1963-06-21', gender: 'female', birthplace: '59350', birthcountry: '99100' },
  },
  {
    login: 'lucas.petit',
    email: 'lucas.petit@example.fr',
    pivot: { given_name: 'Lucas', family_name: 'PETIT', birthdate: '2004-01-30', gender: 'male', birthplace: '33063', birthcountry: '99100' },
  },
  {
    login: 'aicha.diallo',
    email: 'aicha.diallo@example.fr',
    // Born in Senegal: FranceConnect gives an empty birthplace and the country code.
    pivot: { given_name: 'Aïcha', family_name: 'DIALLO', birthdate: '1991-11-05', gender: 'female', birthplace: '', birthcountry: '99341' },
  },
  {
    login: 'jean.dupont',
    email: 'jean.dupont@example.fr',
    pivot: { given_name: 'Jean', family_name: 'DUPONT', birthdate: '2008-05-10', gender: 'male', birthplace: '75115', birthcountry: '99100' },
  },
];
