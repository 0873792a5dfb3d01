import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.ts';
import { errorBody, PlatformError } from '../../contract/errors.ts';
import type { IdentityInternalClient, JournalEntryDraft } from './third-party/identity-internal.ts';

/**
 * Writes what a third party read to the access journal before the answer leaves: one entry per
 * person per request, naming the consent it relied on. `willSendResponse` runs after execution
 * and before the body is written, so a failed write replaces the whole answer: no data, only
 * `AUDIT_UNAVAILABLE`. A citizen reading their own account is not journaled.
 */
export function accessJournalPlugin(identity: IdentityInternalClient): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, logger }) {
          const access = contextValue.thirdParty;
          if (!access) return;
          const entries: JournalEntryDraft[] = [];
          for (const [personId, sections] of contextValue.reads.entries()) {
            const consent = access.consents.get(personId);
            // Subgraphs only read persons the token grants, and grants come from these consents.
            if (consent) entries.push({ personId, consentId: consent.id, sections });
          }
          if (entries.length === 0) return;
          try {
            await identity.writeJournal(access.client, entries);
          } catch (error) {
            const failure =
              error instanceof PlatformError
                ? error
                : new PlatformError('AUDIT_UNAVAILABLE', { message: 'The access journal could not be written.', cause: error });
            logger.error(`access journal write failed (${failure.code})`);
            response.http.status = failure.status;
            response.body = { kind: 'single', singleResult: errorBody(failure) };
          }
        },
      };
    },
  };
}
