import { importEs256 } from '../../common/config.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import { listenApp } from '../../common/listen.ts';
import type { Logger } from '../../common/observability/logging.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { loadThirdParties } from '../../common/third-parties.ts';
import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../../contract/third-party.ts';
import { build } from './app.ts';
import { createGatewayAuth } from './auth/index.ts';
import type { GatewayConfig } from './config.ts';
import { instrumentSessionStore } from './observability/session-store.ts';
import { createSessionStore } from './session/index.ts';
import { WEB_APP_PATH } from './web-app.ts';

export interface GatewayKit {
  logger: Logger;
  lifecycle: Lifecycle;
  processMetrics?: boolean;
}

export interface RunningGatewayInstance {
  /** Where this instance listens (not the public URL). */
  url: string;
  telemetry: Telemetry;
  inFlight(): number;
  close(): Promise<void>;
}

/** One gateway instance from its configuration: what `gateway/src/server.ts` runs in a container. */
export async function startGateway(config: GatewayConfig, kit: GatewayKit): Promise<RunningGatewayInstance> {
  const telemetry = new Telemetry({ service: 'gateway', logger: kit.logger, processMetrics: kit.processMetrics });
  const sessions = instrumentSessionStore(
    createSessionStore({
      redisUrl: config.REDIS_URL,
      onError: (error) => {
        telemetry.metrics.sessionStoreConnectionErrors.inc();
        kit.logger.warn({ err: error }, 'session store connection error');
      },
    }),
    telemetry.metrics,
  );
  const app = await build({
    supergraphPath: config.SUPERGRAPH_PATH,
    supergraphPollIntervalMs: config.SUPERGRAPH_POLL_INTERVAL_MS,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    tokenKey: await importEs256(config.INTERNAL_TOKEN_PRIVATE_JWK),
    tokenKeyId: config.INTERNAL_TOKEN_PRIVATE_JWK.kid,
    personIdKey: config.PERSON_ID_KEY,
    pseudonymSecret: config.MODULE_PSEUDONYM_SECRET,
    // Third parties' client-credentials tokens come from the same OpenID provider as citizens' logins.
    thirdParties: { issuer: config.oidc.issuer, audience: DEFAULT_THIRD_PARTY_AUDIENCE, registry: await loadThirdParties() },
    webAppDir: config.WEB_APP_DIR,
    development: !config.production,
    protection: config.protection,
    resilience: config.resilience,
    trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
    telemetry,
    lifecycle: kit.lifecycle,
    auth: createGatewayAuth({
      oidc: config.oidc,
      sessions,
      cookie: { secure: config.publicUrl.startsWith('https:') },
      // Signed in, the citizen lands on the web app when it is served, otherwise on GraphiQL.
      returnUrl: config.GATEWAY_RETURN_URL ?? `${config.publicUrl}${config.WEB_APP_DIR ? WEB_APP_PATH : '/graphiql'}`,
      idleTimeoutSeconds: config.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteTimeoutSeconds: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
    }),
  });
  const listening = await listenApp(app, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  kit.logger.info({ url: listening.url, publicUrl: config.publicUrl, sessions: config.REDIS_URL ? 'redis' : 'memory' }, 'gateway listening');
  return {
    url: listening.url,
    telemetry,
    inFlight: () => telemetry.metrics.inFlight,
    close: () => listening.close(),
  };
}

