import { importEs256 } from '../../common/config.ts';
import { listenApp } from '../../common/listen.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import type { RunningService, ServiceKit } from '../../common/service.ts';
import { loadThirdParties } from '../../common/third-parties.ts';
import { build } from './app.ts';
import { createGatewayAuth } from './auth/index.ts';
import type { GatewayConfig } from './config.ts';
import { instrumentSessionStore } from './observability/session-store.ts';
import { createSessionStore } from './session/index.ts';
import { WEB_APP_PATH } from './web-app.ts';

export interface RunningGatewayInstance extends RunningService {
  telemetry: Telemetry;
}

/** One gateway instance from its configuration (gateway/src/service.ts). */
export async function startGateway(config: GatewayConfig, kit: ServiceKit): Promise<RunningGatewayInstance> {
  const telemetry = new Telemetry({ service: 'gateway', logger: kit.logger, processMetrics: kit.processMetrics });
  const sessions = instrumentSessionStore(
    createSessionStore({
      redisUrl: config.REDIS_URL,
      prefix: config.REDIS_KEY_PREFIX,
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
    modulesPath: config.MODULES_PATH,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    tokenKey: await importEs256(config.INTERNAL_TOKEN_PRIVATE_JWK),
    tokenKeyId: config.INTERNAL_TOKEN_PRIVATE_JWK.kid,
    personIdKey: config.PERSON_ID_KEY,
    pseudonymSecret: config.MODULE_PSEUDONYM_SECRET,
    // Third parties' client-credentials tokens come from the same OpenID provider as citizens' logins.
    thirdParties: { issuer: config.oidc.issuer, audience: config.THIRD_PARTY_AUDIENCE, registry: await loadThirdParties() },
    webAppDir: config.WEB_APP_DIR,
    documents: config.documents,
    protection: { ...config.protection, rateLimit: { ...config.protection.rateLimit, redisPrefix: `${config.REDIS_KEY_PREFIX}rate-limit:` } },
    resilience: config.resilience,
    trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
    telemetry,
    lifecycle: kit.lifecycle,
    auth: createGatewayAuth({
      oidc: config.oidc,
      sessions,
      cookie: { secure: config.publicUrl.startsWith('https:') },
      // Signed in, the citizen lands on the web app (or the gateway path given as `returnTo`).
      returnUrl: config.GATEWAY_RETURN_URL ?? `${config.publicUrl}${WEB_APP_PATH}`,
      idleTimeoutSeconds: config.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteTimeoutSeconds: config.SESSION_ABSOLUTE_TIMEOUT_SECONDS,
    }),
  });
  const listening = await listenApp(app, { host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  kit.logger.info(
    { url: listening.url, publicUrl: config.publicUrl, sessions: config.REDIS_URL ? 'redis' : 'memory', documents: config.documents },
    'gateway listening',
  );
  return {
    url: listening.url,
    telemetry,
    inFlight: () => telemetry.metrics.inFlight,
    close: () => listening.close(),
  };
}

