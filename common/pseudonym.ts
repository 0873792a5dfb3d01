import { createHmac } from 'node:crypto';

/**
 * A module's own key, derived from the platform's pseudonym secret and the module's name: each
 * module gets a different one without the platform storing a key per module.
 */
export function moduleKeyOf(secret: string, moduleName: string): string {
  return createHmac('sha256', secret).update(`module\u001f${moduleName}`).digest('base64url');
}

/**
 * The person as one module sees them: stable for that module, unlinkable to the same person in
 * another module (different keys), and irreversible without the key.
 */
export function pseudonymOf(personId: string, moduleKey: string): string {
  return createHmac('sha256', moduleKey).update(personId).digest('base64url');
}
