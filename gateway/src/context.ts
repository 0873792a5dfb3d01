import type { InternalClaims } from '../../common/internal-token.ts';

/** What one GraphQL request carries through the gateway: who acts, as internal-token claims. */
export interface GatewayContext {
  claims: InternalClaims;
  /** Identifies `claims` completely, to reuse tokens minted for the same claims. */
  claimsKey: string;
}
