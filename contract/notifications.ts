/**
 * What the identity subgraph, the gateway and the notifications worker agree on about the
 * notifications a citizen asks for. The subscription is a consent to the platform itself: its
 * grantee is this client, registered in config/third-parties.json with the kind `PLATFORM`.
 */
export const NOTIFICATIONS_CLIENT_ID = 'compte-des-comptes-notifications';

/** What the platform reads under the subscription: the sections the alerts are computed from, and the alerts. */
export const NOTIFICATION_SCOPES = ['training:read', 'retirement:read', 'family:read', 'employment:read', 'account:read'] as const;

/** The purpose the citizen reads in their consents and in every journal entry the worker causes. */
export const NOTIFICATIONS_PURPOSE = {
  code: 'NOTIFICATIONS',
  text: 'Vous prévenir par e-mail des alertes que vous avez choisies, sans rien garder de vos droits',
} as const;

/** A subscription lasts as long as the longest consent (12 months), then is renewed or ends. */
export const NOTIFICATIONS_DURATION_MONTHS = 12;

export const NOTIFICATION_KINDS = [
  'PRIME_ACTIVITE_NOT_CLAIMED',
  'C2P_POINTS_UNUSED',
  'CPF_NEAR_CAP',
  'MONTHLY_UPDATE_DUE',
  'BENEFIT_ENDING',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What an email says of an alert: its kind in words, never its figures or dates. The alert's
 * own title may carry a month or an amount; whoever reads the mailbox must learn only that
 * something awaits.
 */
export const NOTIFICATION_LABELS: Readonly<Record<NotificationKind, string>> = {
  PRIME_ACTIVITE_NOT_CLAIMED: 'Une aide que vous ne demandez peut-être pas : la prime d’activité',
  C2P_POINTS_UNUSED: 'Des points de votre compte professionnel de prévention (C2P) à utiliser',
  CPF_NEAR_CAP: 'Votre compte personnel de formation (CPF) approche de son plafond',
  MONTHLY_UPDATE_DUE: 'Votre actualisation mensuelle est à faire',
  BENEFIT_ENDING: 'Un de vos droits arrive bientôt à son terme',
};

/** The agencies as an email names them. */
export const NOTIFICATION_AGENCY_NAMES: Readonly<Record<string, string>> = {
  CPF: 'Caisse des Dépôts (Mon Compte Formation)',
  RGCU: 'Assurance retraite (CNAV)',
  CAF: 'Caisse d’allocations familiales (CAF)',
  FRANCE_TRAVAIL: 'France Travail',
};

/** What a signed link of the notifications does. */
export type NotificationLinkPurpose = 'confirm-email' | 'unsubscribe';
