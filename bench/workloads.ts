// The three workloads, and what each peer is sent for them. Every peer gets the same document
// text (the persisted operation's, which the platform's gateway accepts in production mode);
// only the credentials differ, as each peer can take them (see the auth path in RESULTS.md).
import type { CryptoKey } from 'jose';
import { SESSION_COOKIE_NAME } from '../gateway/src/auth/cookies.ts';
import { readFile } from 'node:fs/promises';
import { mintInternalToken, type InternalClaims } from '../contract/internal-token.ts';
import { loadThirdParties, type ThirdParty } from '../common/third-parties.ts';
import { citizenContext, thirdPartyContext } from '../gateway/src/access.ts';
import { MANIFEST_PATH, type OperationManifest } from '../operations/collect.ts';
import { SUBGRAPHS } from '../schemas/subgraphs.ts';
import type { BackendInfo } from './backend.ts';
import type { LoadRequest } from './load.ts';
import { FLOOR_CASELOAD_HEADER, FLOOR_PERSONA_HEADER, tokenHeader, type PeerInfo } from './peers/peer.ts';

export type PeerKind = 'this-gateway' | 'token-forwarding' | 'floor';

export type WorkloadName = 'W1' | 'W2' | 'W3';

/** W3: the third party, the scopes its token asks, and how many persons consented. */
export const CASELOAD = { clientId: 'ccas-lyon', size: 100, scopes: ['employment:read', 'family:read'] };

/** What every workload needs, read once per run: the documents, the keys and the caseload's third party. */
export interface Credentials {
  privateKey: CryptoKey;
  personIdKey: string;
  backend: BackendInfo;
  documents: Record<'account' | 'caseload', string>;
  caseloadClient: ThirdParty;
}

export async function loadCredentials(privateKey: CryptoKey, personIdKey: string, backend: BackendInfo): Promise<Credentials> {
  const manifest = JSON.parse(await readFile(MANIFEST_PATH, 'utf8')) as OperationManifest;
  const operationText = (name: string) => {
    const operation = manifest.operations.find((o) => o.name === name);
    if (!operation) throw new Error(`${name} is not in operations/manifest.json: run npm run operations`);
    return operation.body;
  };
  const caseloadClient = (await loadThirdParties()).get(CASELOAD.clientId);
  if (!caseloadClient) throw new Error(`${CASELOAD.clientId} is not in config/third-parties.json`);
  return {
    privateKey,
    personIdKey,
    backend,
    // W1 and W2: a citizen's whole account. W3: a third party's caseload, two sections per person.
    documents: {
      account: JSON.stringify({ query: operationText('MonCompte') }),
      caseload: JSON.stringify({ query: operationText('SuiviBeneficiaires'), variables: { first: CASELOAD.size } }),
    },
    caseloadClient,
  };
}

/** A client-credentials token of W3's third party from the mock FranceConnect; it lives 60 s. */
async function caseloadBearer(providerUrl: string, client: ThirdParty): Promise<string> {
  const response = await fetch(`${providerUrl}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.devClientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: CASELOAD.scopes.join(' ') }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`the token endpoint answered ${response.status}`);
  return body.access_token;
}

/** The internal token of every subgraph for these claims, in the headers peers (b) and (c) forward. */
async function tokenHeaders(claims: InternalClaims, key: CryptoKey): Promise<Record<string, string>> {
  const entries = await Promise.all(
    SUBGRAPHS.map(async ({ name }) => [tokenHeader(name), await mintInternalToken(claims, { key, audience: name, lifetimeSeconds: 60 })]),
  );
  return Object.fromEntries(entries);
}

/** The gateway's session cookie (platform/gateway.ts). */

/**
 * What one peer is sent for one workload: one request per signed-in citizen (W1, W2) or the caseload's
 * one request (W3). Built just before each run: the internal tokens and the third party's
 * bearer token live 60 s.
 */
export async function requestsFor(workload: WorkloadName, kind: PeerKind, peer: PeerInfo, credentials: Credentials): Promise<LoadRequest[]> {
  const { documents: docs, privateKey: key, caseloadClient: client } = credentials;
  if (workload === 'W3') {
    if (kind === 'floor') return [{ headers: { [FLOOR_CASELOAD_HEADER]: '1' }, body: docs.caseload }];
    if (kind === 'this-gateway') return [{ headers: { authorization: `Bearer ${await caseloadBearer(peer.providerUrl!, client)}` }, body: docs.caseload }];
    const consents = credentials.backend.caseload.map(({ personId }, i) => ({
      id: String(i),
      personId,
      scopes: CASELOAD.scopes,
      purpose: { code: 'SOCIAL_SUPPORT', text: 'Accompagnement social' },
    }));
    const { claims } = thirdPartyContext({ client, scopes: CASELOAD.scopes }, consents);
    return [{ headers: await tokenHeaders(claims, key), body: docs.caseload }];
  }
  return Promise.all(
    credentials.backend.citizens.map(async (citizen, i) => {
      if (kind === 'floor') return { headers: { [FLOOR_PERSONA_HEADER]: String(i) }, body: docs.account };
      if (kind === 'this-gateway') return { headers: { cookie: `${SESSION_COOKIE_NAME}=${peer.sessionIds![i]}` }, body: docs.account };
      const { claims } = citizenContext(citizen, credentials.personIdKey);
      return { headers: await tokenHeaders(claims, key), body: docs.account };
    }),
  );
}
