import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorBody, PlatformError, type ErrorCode } from '../../contract/errors.ts';
import { IDENTITY_INTERNAL_AUDIENCE, type VerificationKey, type VerifiedToken } from '../../contract/internal-token.ts';
import type { ThirdPartyRegistry } from '../../common/third-parties.ts';
import { requireInternalToken } from '../../common/subgraph/server.ts';
import type { ConsentStore } from './store/consents.ts';
import { DatabaseError } from '../../common/database.ts';
import type { JournalStore } from './store/journal.ts';
import type { SubscriptionStore } from './store/subscriptions.ts';
import type { NotificationKeys } from '../../common/notifications/keys.ts';

export interface InternalRoutesDeps {
  tokenKey: VerificationKey;
  consents: ConsentStore;
  journal: JournalStore;
  registry: ThirdPartyRegistry;
  subscriptions: SubscriptionStore;
  notificationKeys: NotificationKeys;
  now: () => Date;
}

const unsubscribeBody = z.object({ token: z.string().min(1).max(1000) });

const journalBody = z.object({
  entries: z
    .array(
      z.object({
        personId: z.string().min(1),
        consentId: z.uuid(),
        sections: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1)
    .max(1000),
});

/**
 * What the gateway asks the identity subgraph outside GraphQL, on behalf of the third party its
 * token names, and of no one else: that party's active consents (per request, so a revocation
 * counts from the next one) and the journal entries of what it has just read.
 */
export async function registerInternalRoutes(app: FastifyInstance, deps: InternalRoutesDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireInternalToken(deps.tokenKey, IDENTITY_INTERNAL_AUDIENCE));

    scope.get<{ Querystring: { persons?: string } }>('/internal/v1/consents/active', async (request, reply) => {
      const client = thirdPartyOf(request.internalToken);
      if (!client) return reply.code(403).send(refusal('FORBIDDEN', 'Only a third party has consents to read.'));
      // The persons a request names (X-Beneficiaries at the gateway): their consents only.
      const among = request.query.persons === undefined ? undefined : request.query.persons.split(',').filter(Boolean);
      try {
        const consents = await deps.consents.activeFor(client.clientId, deps.now(), among);
        return { consents: consents.map((c) => ({ ...c, expiresAt: c.expiresAt.toISOString() })) };
      } catch (error) {
        request.log.error(failureOf(error), 'consents unavailable');
        return reply.code(503).send(refusal('CONSENTS_UNAVAILABLE', 'Consents cannot be read for a moment.'));
      }
    });

    // The one-click unsubscribe of an email (RFC 8058), which the gateway receives without a
    // session: the signed link is the whole authority, and names the subscription it ends.
    scope.post('/internal/v1/notifications/unsubscribe', async (request, reply) => {
      const parsed = unsubscribeBody.safeParse(request.body);
      const link = parsed.success ? deps.notificationKeys.verify(parsed.data.token, 'unsubscribe', deps.now()) : null;
      if (!link) return reply.code(400).send(refusal('BAD_REQUEST', 'The unsubscribe link is forged or altered.'));
      try {
        const ended = await deps.subscriptions.unsubscribe({ consentId: link.subject }, deps.now());
        return { unsubscribed: ended !== null };
      } catch (error) {
        request.log.error(failureOf(error), 'unsubscribe failed');
        return reply.code(503).send(refusal('CONSENTS_UNAVAILABLE', 'Consents cannot be changed for a moment.'));
      }
    });

    scope.post('/internal/v1/journal', async (request, reply) => {
      const client = thirdPartyOf(request.internalToken);
      if (!client) return reply.code(403).send(refusal('FORBIDDEN', 'Only reads by a third party are journaled.'));
      const parsed = journalBody.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send(refusal('BAD_REQUEST', 'entries: [{personId, consentId, sections}] expected'));
      const reader = deps.registry.get(client.clientId);
      if (!reader) return reply.code(403).send(refusal('FORBIDDEN', 'Unregistered third party.'));
      try {
        const drafts = parsed.data.entries.map((entry) => ({ ...entry, sections: [...new Set(entry.sections)].sort() }));
        const written = await deps.journal.append({ clientId: reader.clientId, name: reader.name, kind: reader.kind }, deps.now(), drafts);
        // A consent of another party or person is never a ground for an entry: then none is written.
        if (written === null) return reply.code(422).send(refusal('CONSENT_MISMATCH', 'An entry names a consent that is not its own.'));
        return reply.code(201).send({ written });
      } catch (error) {
        request.log.error(failureOf(error), 'journal write failed');
        return reply.code(503).send(refusal('AUDIT_UNAVAILABLE', 'The access journal cannot be written for a moment.'));
      }
    });
  });
}

function thirdPartyOf(token: VerifiedToken | undefined): { clientId: string } | undefined {
  return token?.actor.kind === 'third_party' ? { clientId: token.actor.clientId } : undefined;
}

/** Codes only: a database error's detail can quote the row, and rows hold personal data. */
function failureOf(error: unknown): { error: string; sqlState?: string } {
  return error instanceof DatabaseError ? { error: error.code, sqlState: error.sqlState } : { error: error instanceof Error ? error.name : 'unknown' };
}

function refusal(code: ErrorCode, message: string) {
  return errorBody(new PlatformError(code, { message }));
}
