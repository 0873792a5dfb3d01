import { createHash } from 'node:crypto';

import type { Configuration } from 'oidc-provider';

/**
 * One `sub` per (client sector, person), like FranceConnect's: a SHA-256 in hex with a `v1`
 * suffix. The salt keeps it from being recomputed by anyone who knows a login and a host.
 */
export function pairwiseSubject(salt: string): NonNullable<Configuration['pairwiseIdentifier']> {
  return async (_ctx, accountId, client) => {
    const digest = createHash('sha256').update(`${client.sectorIdentifier}\n${accountId}\n${salt}`).digest('hex');
    return `${digest}v1`;
  };
}
