import type { JWK } from 'jose';
import type { AgencyName } from '../../mocks/agencies/index.ts';
import type { Pivot } from '../../contract/pivot.ts';
import type { SessionIdentity } from '../../gateway/src/session/index.ts';

/** What each peer other than the platform's own gateway is started with (as BENCH_CONFIG); each takes what it needs. */
export interface PeerConfig {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  privateJwk: JWK;
  personIdKey: string;
  agencyUrls: Record<AgencyName, string>;
  agencyApiKeys: Record<AgencyName, string>;
  /** Who W1 and W2 are signed in as. */
  citizens: SessionIdentity[];
}

export interface PeerInfo {
  /** Where the load goes. */
  url: string;
  /** The mock FranceConnect, for peer (a) only: third parties' tokens. */
  providerUrl?: string;
  /** Peer (a) only: the session id of each citizen, in order. */
  sessionIds?: string[];
}

/**
 * Peers (b) and (c) cannot log a citizen in or check a third party's token: the bench gives
 * them, per request, the internal token of each subgraph, minted as the platform's gateway
 * would, in one header per subgraph; they forward it as the subgraph's Authorization.
 */
export const tokenHeader = (subgraph: string) => `x-bench-token-${subgraph}`;

/** The floor (d) reads which citizen a W1 request is for (their index), or serves W3's caseload, from these headers. */
export const FLOOR_PERSONA_HEADER = 'x-bench-persona';
export const FLOOR_CASELOAD_HEADER = 'x-bench-caseload';

export interface FloorConfig extends PeerConfig {
  /** The W3 caseload's identities. */
  caseload: Pivot[];
}
