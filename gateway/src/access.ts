import { createHash } from 'node:crypto';
import type { Grants } from '../../contract/internal-token.ts';
import { personIdOf } from '../../common/person-id.ts';
import { CITIZEN_SCOPES } from '../../contract/scopes.ts';
import { AccessLog, type GatewayContext } from './context.ts';
import type { SessionIdentity } from './session/index.ts';
import type { VerifiedThirdParty } from './third-party/bearer.ts';
import type { ActiveConsent } from './third-party/identity-internal.ts';

/** Who acts in one request, and on whose behalf: the three kinds of callers. */

export function anonymousContext(): GatewayContext {
  return { claims: { actor: { kind: 'anonymous' }, grants: {} }, claimsKey: 'anonymous', reads: new AccessLog() };
}

/** A signed-in citizen holds every scope on their own id, and no other. */
export function citizenContext(session: SessionIdentity, personIdKey: string): GatewayContext {
  const personId = personIdOf(session.pivot, personIdKey);
  return {
    claims: {
      actor: { kind: 'citizen' },
      grants: { [personId]: [...CITIZEN_SCOPES] },
      identity: { pivot: session.pivot, email: session.email },
    },
    claimsKey: `citizen\u001f${personId}\u001f${session.email ?? ''}`,
    reads: new AccessLog(),
  };
}

/**
 * A third party holds, per person, the scopes of that person's active consent that its token
 * also carries; persons where these do not meet are left out altogether.
 */
export function thirdPartyContext({ client, scopes }: VerifiedThirdParty, consents: readonly ActiveConsent[]): GatewayContext {
  const grants: Record<string, string[]> = {};
  const byPerson = new Map<string, ActiveConsent>();
  for (const consent of consents) {
    const allowed = consent.scopes.filter((scope) => scopes.includes(scope)).sort();
    if (allowed.length === 0) continue;
    grants[consent.personId] = allowed;
    byPerson.set(consent.personId, consent);
  }
  return {
    claims: { actor: { kind: 'third_party', clientId: client.clientId, name: client.name }, grants },
    claimsKey: `third_party\u001f${client.clientId}\u001f${digestOf(grants)}`,
    thirdParty: { client, consents: byPerson },
    reads: new AccessLog(),
  };
}

function digestOf(grants: Grants): string {
  const canonical = Object.keys(grants)
    .sort()
    .map((id) => `${id}=${(grants[id] ?? []).join(' ')}`)
    .join('\n');
  return createHash('sha256').update(canonical).digest('base64url');
}
