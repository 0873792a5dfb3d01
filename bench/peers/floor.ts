// Peer (d): the floor. What any gateway must at least do for these workloads: one round of
// agency calls in parallel, the very calls the subgraphs make (one batch lookup per agency),
// over keep-alive undici pools, and the answers concatenated. No GraphQL, no auth, no checks.
import { createServer, type IncomingMessage } from 'node:http';
import { Pool } from 'undici';
import type { AgencyName } from '../../mocks/agencies/index.ts';
import { identiteFromPivot } from '../../contract/identite.ts';
import { benchConfig, listenLoopback, serveChild } from '../child.ts';
import { FLOOR_CASELOAD_HEADER, FLOOR_PERSONA_HEADER, type FloorConfig, type PeerInfo } from './peer.ts';

/** Which agencies a request reads: every one for a citizen's dashboard, two for the caseload. */
const DASHBOARD: readonly AgencyName[] = ['cpf', 'rgcu', 'caf', 'france-travail'];
const CASELOAD: readonly AgencyName[] = ['caf', 'france-travail'];

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<FloorConfig>();
  const pools = Object.fromEntries(
    Object.entries(config.agencyUrls).map(([agency, url]) => [agency, new Pool(url, { connections: 128, keepAliveTimeout: 30_000 })]),
  ) as Record<AgencyName, Pool>;
  const caseloadBody = JSON.stringify({ identites: config.caseload.map(identiteFromPivot) });

  const lookup = async (agency: AgencyName, body: string): Promise<string> => {
    const response = await pools[agency].request({
      method: 'POST',
      path: '/v1/dossiers/batch',
      headers: { 'content-type': 'application/json', 'x-api-key': config.agencyApiKeys[agency] },
      body,
    });
    return response.body.text();
  };
  const answer = async (request: IncomingMessage): Promise<string> => {
    for await (const _chunk of request); // the GraphQL document is not read
    if (request.headers[FLOOR_CASELOAD_HEADER]) {
      return `[${(await Promise.all(CASELOAD.map((agency) => lookup(agency, caseloadBody)))).join(',')}]`;
    }
    const pivot = config.citizens[Number(request.headers[FLOOR_PERSONA_HEADER])]?.pivot;
    if (!pivot) throw new Error('unknown citizen');
    const body = JSON.stringify({ identites: [identiteFromPivot(pivot)] });
    return `[${(await Promise.all(DASHBOARD.map((agency) => lookup(agency, body)))).join(',')}]`;
  };

  const server = createServer((request, response) => {
    answer(request).then(
      (body) => response.writeHead(200, { 'content-type': 'application/json' }).end(body),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  server.keepAliveTimeout = 30_000;
  const listening = await listenLoopback(server);
  return {
    info: { url: listening.url },
    close: async () => {
      await listening.close();
      await Promise.all(Object.values(pools).map((pool) => pool.close()));
    },
  };
});
