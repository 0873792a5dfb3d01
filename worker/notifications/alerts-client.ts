import { readFile } from 'node:fs/promises';
import { request, type Dispatcher } from 'undici';
import { NOTIFICATION_SCOPES, type NotificationKind } from '../../contract/notifications.ts';

/** One subscriber's alerts as the gateway answered them, with the agencies it could not read. */
export interface PersonAlerts {
  personId: string;
  alerts: Array<{ id: string; kind: NotificationKind; agency: string }>;
  /** Null when the alerts could not be computed at all (a platform subgraph down). */
  unavailable: string[] | null;
}

/** The persisted operation the worker runs, sent by its exact text (production runs persisted operations only). */
const SUBSCRIBERS_ALERTS = new URL('../../operations/notifications/alertes-abonnes.graphql', import.meta.url);

export interface AlertsClientOptions {
  gatewayUrl: string;
  /** The provider's issuer: its token endpoint gives the worker its bearer token (client credentials). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  dispatcher?: Dispatcher;
  timeoutMs: number;
}

/**
 * Reads subscribers' alerts through the gateway, as a third party reads its caseload: the
 * platform's notifications client, with a token from the provider, names the persons of one page
 * (X-Beneficiaries, so its internal tokens carry their grants only) and reads them in one request,
 * which the agency subgraphs batch into one call per agency; the gateway journals every read.
 */
export class AlertsClient {
  readonly #options: AlertsClientOptions;
  #query: string | undefined;

  constructor(options: AlertsClientOptions) {
    this.#options = options;
  }

  /** A reader for one round: a request per page of persons, under a token renewed before it expires. */
  async round(): Promise<(personIds: readonly string[]) => Promise<PersonAlerts[]>> {
    this.#query ??= await readFile(SUBSCRIBERS_ALERTS, 'utf8');
    let token = await this.#token();
    return async (personIds) => {
      if (Date.now() >= token.renewAt) token = await this.#token();
      return this.#page(token.value, personIds);
    };
  }

  async #token(): Promise<{ value: string; renewAt: number }> {
    const { issuer, clientId, clientSecret, dispatcher, timeoutMs } = this.#options;
    const response = await request(`${issuer.replace(/\/+$/, '')}/token`, {
      method: 'POST',
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: NOTIFICATION_SCOPES.join(' ') }).toString(),
    });
    const body = (await response.body.json()) as { access_token?: string; expires_in?: number };
    if (response.statusCode !== 200 || !body.access_token) throw new Error(`the provider refused the notifications client a token (HTTP ${response.statusCode})`);
    // Renewed at half its life: a page under way never outlives it.
    return { value: body.access_token, renewAt: Date.now() + ((body.expires_in ?? 60) * 1000) / 2 };
  }

  async #page(token: string, personIds: readonly string[]): Promise<PersonAlerts[]> {
    const { gatewayUrl, dispatcher, timeoutMs } = this.#options;
    const response = await request(`${gatewayUrl.replace(/\/+$/, '')}/graphql`, {
      method: 'POST',
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-beneficiaries': personIds.join(',') },
      body: JSON.stringify({ query: this.#query, operationName: 'AlertesAbonnes', variables: { first: personIds.length } }),
    });
    const body = (await response.body.json()) as { data?: { beneficiaries?: Page } | null; errors?: Array<{ extensions?: { code?: string } }> };
    const page = body.data?.beneficiaries;
    if (response.statusCode !== 200 || !page) {
      // Codes only: a message may quote what was asked.
      const codes = [...new Set((body.errors ?? []).map((error) => error.extensions?.code ?? 'unknown'))].join(', ');
      throw new Error(`the gateway gave no page of subscribers (HTTP ${response.statusCode}${codes ? `: ${codes}` : ''})`);
    }
    return page.edges.map(({ node }) => ({
      personId: node.id,
      alerts: node.alerts?.items ?? [],
      unavailable: node.alerts ? node.alerts.unavailableAgencies : null,
    }));
  }
}

interface Page {
  edges: Array<{ node: { id: string; alerts: { items: PersonAlerts['alerts']; unavailableAgencies: string[] } | null } }>;
}
