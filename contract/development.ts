/**
 * The values every part uses when it runs in development and is given none: the gateway and
 * the mock provider agree on the client secret, each agency subgraph and its mock agree on the
 * API key. They are published here, so production refuses every one of them (common/config.ts).
 */
export const DEVELOPMENT_FC_CLIENT_SECRET = 'compte-des-comptes-dev-secret-change-me';

export const DEVELOPMENT_AGENCY_API_KEYS = {
  cpf: 'dev-cpf-key',
  rgcu: 'dev-rgcu-key',
  caf: 'dev-caf-key',
  'france-travail': 'dev-france-travail-key',
} as const;

/** Seals the declared changes at rest (identity subgraph and worker); never a production key. */
export const DEVELOPMENT_DECLARATION_KEY = 'compte-des-comptes-dev-declarations-change-me';

/** Seals the notification subscribers' pivots and addresses, and signs their links, in development. */
export const DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY = 'notifications-dev-secret-change-me-4f1c9a7e2b';

/** Every documented development value: never a secret in production. */
export const DEVELOPMENT_SECRETS: readonly string[] = [
  DEVELOPMENT_FC_CLIENT_SECRET,
  DEVELOPMENT_DECLARATION_KEY,
  DEVELOPMENT_NOTIFICATION_ENCRYPTION_KEY,
  ...Object.values(DEVELOPMENT_AGENCY_API_KEYS),
];
