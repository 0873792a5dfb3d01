// Peer (a): the platform's gateway as deployed: persisted operations only, sessions in Redis,
// bearer tokens for third parties, the access journal; started through its service definition
// (with the mock provider) by the development launcher. The citizens' sessions are pre-minted in
// its Redis, as a FranceConnect login would leave them.
import { randomUUID } from 'node:crypto';
import { startPlatform } from '../../dev/platform.ts';
import { ON_FREE_PORTS } from '../../dev/services.ts';
import { createSession, createSessionStore, DEFAULT_IDLE_TIMEOUT_SECONDS } from '../../gateway/src/session/index.ts';
import { benchConfig, serveChild } from '../child.ts';
import type { PeerConfig, PeerInfo } from './peer.ts';

/** The bench measures the gateway, not its rate limiter's verdicts: the limits are set out of reach, the counting still runs. */
const OUT_OF_REACH = '1000000000';

await serveChild<PeerInfo>(async () => {
  const config = benchConfig<PeerConfig>();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `cdc-bench-${randomUUID()}:`;
  const sessions = createSessionStore({ redisUrl, prefix });
  const createdAt = Math.floor(Date.now() / 1000);
  const sessionIds = await Promise.all(
    config.citizens.map((citizen) => createSession(sessions, { ...citizen, idToken: 'pre-minted', createdAt }, DEFAULT_IDLE_TIMEOUT_SECONDS)),
  );
  await sessions.close();
  const platform = await startPlatform({
    roles: ['provider', 'gateway'],
    env: {
      ...ON_FREE_PORTS,
      GATEWAY_DOCUMENTS: 'persisted',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      SUPERGRAPH_PATH: config.supergraphPath,
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(config.privateJwk),
      PERSON_ID_KEY: config.personIdKey,
      RATE_LIMIT_PER_SESSION: OUT_OF_REACH,
      RATE_LIMIT_PER_CLIENT: OUT_OF_REACH,
      ...Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, url])),
    },
  });
  return { info: { url: `${platform.gatewayUrl}/graphql`, providerUrl: platform.providerUrl, sessionIds }, close: platform.close };
});
