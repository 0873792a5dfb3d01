// Peer (a): the platform's gateway as deployed: production mode (persisted operations only),
// sessions from a FranceConnect login, bearer tokens for third parties, the access journal.
import { importJWK, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { loadThirdParties } from '../../common/third-parties.ts';
import { createSessionStore } from '../../gateway/src/session/index.ts';
import { startGatewayAndProvider } from '../../platform/gateway.ts';
import { DEV_CLIENT_ID } from '../../platform/start-platform.ts';
import { benchConfig, serveChild } from '../child.ts';
import type { PeerConfig, PeerInfo } from './peer.ts';

/** The bench measures the gateway, not its rate limiter's verdicts: the limits are set out of reach, the counting still runs. */
const OUT_OF_REACH = 1_000_000_000;

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<PeerConfig>();
  const gateway = await startGatewayAndProvider({
    clientId: DEV_CLIENT_ID,
    clientSecret: randomBytes(32).toString('base64url'),
    thirdParties: await loadThirdParties(),
    supergraphPath: config.supergraphPath,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: 5000,
    tokenKey: (await importJWK(config.privateJwk, 'ES256')) as CryptoKey,
    personIdKey: config.personIdKey,
    sessions: createSessionStore({}),
    hardening: { production: true, protection: { rateLimit: { perSession: OUT_OF_REACH, perClient: OUT_OF_REACH } } },
  });
  return { info: { url: `${gateway.gatewayUrl}/graphql`, providerUrl: gateway.providerUrl }, close: gateway.close };
});
