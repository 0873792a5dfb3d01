/** Scopes the gateway gives a citizen reading their own account: every section. */
export const CITIZEN_SCOPES = ['identity:read', 'training:read', 'retirement:read', 'family:read', 'employment:read'] as const;
