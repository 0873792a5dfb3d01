import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { IDENTITY_INTERNAL_AUDIENCE } from '../../../contract/internal-token.ts';
import type { ThirdParty } from '../../../common/third-parties.ts';
import type { InternalTokenMinter } from '../internal-tokens.ts';
import { PlatformError } from '../../../contract/errors.ts';
import { NOTIFICATIONS_CLIENT_ID } from '../../../contract/notifications.ts';

/** The identity subgraph refused what was asked (400): nothing to retry. */
class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

export interface ActiveConsent {
  id: string;
  personId: string;
  scopes: string[];
  purpose: { code: string; text: string };
}

export interface JournalEntryDraft {
  personId: string;
  consentId: string;
  sections: string[];
}

/** The third party on whose behalf the gateway calls. */
type Caller = Pick<ThirdParty, 'clientId' | 'name'>;

export interface IdentityInternalClientOptions {
  /** The identity subgraph's origin (`http://127.0.0.1:4101`). */
  baseUrl: string;
  tokens: InternalTokenMinter;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/**
 * The gateway's side of the identity subgraph's internal API. Each call carries an internal
 * token naming the third party, and the identity subgraph answers for that party only.
 */
export class IdentityInternalClient {
  readonly #options: IdentityInternalClientOptions;

  constructor(options: IdentityInternalClientOptions) {
    this.#options = options;
  }

  /**
   * The party's consents active now, of the persons `among` only when given. Read on every
   * request: a revocation counts from the next one.
   */
  async activeConsents(caller: Caller, among?: readonly string[]): Promise<ActiveConsent[]> {
    const path = among === undefined ? '/internal/v1/consents/active' : `/internal/v1/consents/active?persons=${among.map(encodeURIComponent).join(',')}`;
    try {
      const body = (await this.#call(caller, 'GET', path, 200)) as { consents: ActiveConsent[] };
      return body.consents;
    } catch (cause) {
      throw new PlatformError('CONSENTS_UNAVAILABLE', {
        message: 'Consents cannot be read for a moment, so no data can be returned; try again shortly.',
        cause,
      });
    }
  }

  /** Writes the journal entries of one request, all or none. */
  async writeJournal(caller: Caller, entries: JournalEntryDraft[]): Promise<void> {
    try {
      await this.#call(caller, 'POST', '/internal/v1/journal', 201, { entries });
    } catch (cause) {
      throw new PlatformError('AUDIT_UNAVAILABLE', {
        message: 'The access journal could not be written, so no data is returned; try again shortly.',
        cause,
      });
    }
  }

  /**
   * Ends the subscription a signed unsubscribe link names (RFC 8058 one-click, without a
   * session); false when the link is forged, or the subscription already ended.
   */
  async unsubscribe(token: string): Promise<boolean> {
    const caller = { clientId: NOTIFICATIONS_CLIENT_ID, name: 'notifications' };
    try {
      const body = (await this.#call(caller, 'POST', '/internal/v1/notifications/unsubscribe', 200, { token })) as { unsubscribed: boolean };
      return body.unsubscribed;
    } catch (cause) {
      if (cause instanceof RefusedError) return false;
      throw new PlatformError('CONSENTS_UNAVAILABLE', { message: 'The subscription cannot be changed for a moment; try again shortly.', cause });
    }
  }

  async #call(caller: Caller, method: 'GET' | 'POST', path: string, expected: number, body?: unknown): Promise<unknown> {
    const { baseUrl, tokens, dispatcher, timeoutMs } = this.#options;
    const actor = { kind: 'third_party' as const, clientId: caller.clientId, name: caller.name };
    const token = await tokens.tokenFor(IDENTITY_INTERNAL_AUDIENCE, { actor, grants: {} }, `third_party\u001f${caller.clientId}`);
    const response = await request(new URL(path, baseUrl), {
      method,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode === 400) throw new RefusedError(`identity ${method} ${path} refused the request`);
    if (response.statusCode !== expected) throw new Error(`identity ${method} ${path} answered HTTP ${response.statusCode}`);
    return JSON.parse(text) as unknown;
  }
}
