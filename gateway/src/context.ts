import type { InternalClaims } from '../../contract/internal-token.ts';
import type { ThirdParty } from '../../common/third-parties.ts';
import type { ActiveConsent } from './third-party/identity-internal.ts';

/** What the subgraphs read about whom during one request: person id → sections. */
export class AccessLog {
  readonly #reads = new Map<string, Set<string>>();

  record(personId: string, sections: Iterable<string>): void {
    let known = this.#reads.get(personId);
    if (!known) this.#reads.set(personId, (known = new Set()));
    for (const section of sections) known.add(section);
  }

  entries(): Array<[personId: string, sections: string[]]> {
    return [...this.#reads].map(([personId, sections]) => [personId, [...sections].sort()]);
  }
}

/** A third party acting, and the consent it holds for each person it may read. */
export interface ThirdPartyAccess {
  client: ThirdParty;
  consents: ReadonlyMap<string, ActiveConsent>;
}

/** What one GraphQL request carries through the gateway. */
export interface GatewayContext {
  /** Who acts, as internal-token claims. */
  claims: InternalClaims;
  /** Identifies `claims` completely, to reuse tokens minted for the same claims. */
  claimsKey: string;
  /** Set when a third party calls: every read it makes is journaled before the answer leaves. */
  thirdParty?: ThirdPartyAccess;
  reads: AccessLog;
}
