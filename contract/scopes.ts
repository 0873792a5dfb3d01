/**
 * Scopes of the platform. A section scope reads one `Person` section; a third party may be
 * registered for, and consented, section scopes only. The citizen alone also manages their
 * consents and reads their access journal.
 */
export const SECTION_SCOPES = ['identity:read', 'training:read', 'retirement:read', 'family:read', 'employment:read'] as const;

/**
 * Scopes a module may be registered for: sections, but never `identity:read`, which would hand
 * it who the person is (the name, birth date and place are the pivot by another name).
 */
export const MODULE_SCOPES = ['training:read', 'retirement:read', 'family:read', 'employment:read'] as const;

/**
 * Scopes the gateway gives a citizen on their own account: the sections, the features across
 * agencies (timeline, inbox with the agencies' messages, alerts), their consents and journal,
 * and their declarations of a change of situation (never a third party's to make).
 */
export const CITIZEN_SCOPES = [...SECTION_SCOPES, 'account:read', 'consent:manage', 'journal:read', 'declarations:manage'] as const;
