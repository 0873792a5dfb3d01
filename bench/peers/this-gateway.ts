// Peer (a): the platform's gateway as deployed: production mode (persisted operations only),
// sessions, bearer tokens for third parties, the access journal. The citizens' sessions are
// pre-minted here, in its session store, as a FranceConnect login would leave them.
import { importJWK, type CryptoKey } from 'jose';
import { randomBytes } from 'node:crypto';
import { loadThirdParties } from '../../common/third-parties.ts';
import { createSession, createSessionStore, DEFAULT_IDLE_TIMEOUT_SECONDS } from '../../gateway/src/session/index.ts';
import { startGatewayAndProvider } from '../../platform/gateway.ts';
import { DEV_CLIENT_ID } from '../../platform/start-platform.ts';
import { benchConfig, serveChild } from '../child.ts';
import type { PeerConfig, PeerInfo } from './peer.ts';

/** The bench measures the gateway, not its rate limiter's verdicts: the limits are set out of reach, the counting still runs. */
const OUT_OF_REACH = 1_000_000_000;

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<PeerConfig>();
  const sessions = createSessionStore({});
  const createdAt = Math.floor(Date.now() / 1000);
  const sessionIds = await Promise.all(
    config.citizens.map((citizen) => createSession(sessions, { ...citizen, idToken: 'pre-minted', createdAt }, DEFAULT_IDLE_TIMEOUT_SECONDS)),
  );
  const gateway = await startGatewayAndProvider({
    clientId: DEV_CLIENT_ID,
    clientSecret: randomBytes(32).toString('base64url'),
    thirdParties: await loadThirdParties(),
    supergraphPath: config.supergraphPath,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: 5000,
    tokenKey: (await importJWK(config.privateJwk, 'ES256')) as CryptoKey,
    personIdKey: config.personIdKey,
    sessions,
    hardening: { production: true, protection: { rateLimit: { perSession: OUT_OF_REACH, perClient: OUT_OF_REACH } } },
  });
  return { info: { url: `${gateway.gatewayUrl}/graphql`, providerUrl: gateway.providerUrl, sessionIds }, close: gateway.close };
});
