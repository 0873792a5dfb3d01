import type { CryptoKey, KeyObject } from 'jose';
import { listenThenBuild, type Listening } from '../common/listen.ts';
import { listenProvider, type ThirdPartyOptions } from '../mocks/franceconnect/app.ts';
import { build } from '../gateway/src/app.ts';
import { createGatewayAuth } from '../gateway/src/auth/index.ts';
import type { SessionStore } from '../gateway/src/session/index.ts';
import { instrumentSessionStore } from '../gateway/src/observability/session-store.ts';
import type { Logger } from '../common/observability/logging.ts';
import { Telemetry } from '../common/observability/telemetry.ts';
import { protectionWith, type ProtectionOverrides } from '../gateway/src/limits/index.ts';
import { DEFAULT_GATEWAY_RESILIENCE, type GatewayResilience } from '../gateway/src/resilience.ts';

/** How strict the gateway is; development mode with the default limits when absent. */
export interface GatewayHardening {
  production?: boolean;
  protection?: ProtectionOverrides;
  resilience?: { requestBudgetMs?: number; subgraphs?: Partial<GatewayResilience['subgraphs']> };
  /** Rate-limit counters in this Redis (the sessions' one), under this prefix. */
  redisUrl?: string;
  redisPrefix?: string;
  /** Addresses of the load balancers in front, whose X-Forwarded-For is believed; none when absent. */
  trustedProxies?: string[];
}

export interface StartGatewayOptions {
  host?: string;
  gatewayPort?: number;
  providerPort?: number;
  /** Public URLs, when they differ from the listening ones (`localhost` rather than 127.0.0.1). */
  gatewayPublicUrl?: string;
  providerIssuer?: string;
  clientId: string;
  clientSecret: string;
  thirdParties?: ThirdPartyOptions[];
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  tokenKey: CryptoKey | KeyObject;
  personIdKey: string;
  sessions: SessionStore;
  idleTimeoutSeconds?: number;
  supergraphPollIntervalMs?: number;
  logger?: Logger;
  hardening?: GatewayHardening;
}

export interface RunningGateway {
  gatewayUrl: string;
  providerUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the mock FranceConnect provider and the gateway, each knowing the other: the
 * gateway listens first (its redirect URI must be registered at the provider), then the
 * provider, then the gateway is built with the provider's issuer.
 */
export async function startGatewayAndProvider(options: StartGatewayOptions): Promise<RunningGateway> {
  let provider: Awaited<ReturnType<typeof listenProvider>> | undefined;
  let gateway: Listening | undefined;
  const telemetry = new Telemetry({ service: 'gateway', logger: options.logger });
  try {
    gateway = await listenThenBuild(
      async (listeningUrl, serverFactory) => {
        const gatewayUrl = options.gatewayPublicUrl ?? listeningUrl;
        provider = await listenProvider({
          host: options.host,
          port: options.providerPort ?? 0,
          issuer: options.providerIssuer,
          settings: {
            gateway: {
              clientId: options.clientId,
              clientSecret: options.clientSecret,
              redirectUris: [`${gatewayUrl}/auth/callback`],
              postLogoutRedirectUris: [`${gatewayUrl}/`],
            },
            thirdParties: options.thirdParties,
          },
        });
        return build({
          serverFactory,
          supergraphPath: options.supergraphPath,
          subgraphUrls: options.subgraphUrls,
          subgraphTimeoutMs: options.subgraphTimeoutMs,
          tokenKey: options.tokenKey,
          personIdKey: options.personIdKey,
          development: !options.hardening?.production,
          protection: protectionWith({
            ...options.hardening?.protection,
            rateLimit: {
              redisUrl: options.hardening?.redisUrl,
              redisPrefix: options.hardening?.redisPrefix && `${options.hardening.redisPrefix}rate-limit:`,
              ...options.hardening?.protection?.rateLimit,
            },
          }),
          resilience: {
            requestBudgetMs: options.hardening?.resilience?.requestBudgetMs ?? DEFAULT_GATEWAY_RESILIENCE.requestBudgetMs,
            subgraphs: { ...DEFAULT_GATEWAY_RESILIENCE.subgraphs, ...options.hardening?.resilience?.subgraphs },
          },
          supergraphPollIntervalMs: options.supergraphPollIntervalMs,
          trustedProxies: options.hardening?.trustedProxies,
          telemetry,
          auth: createGatewayAuth({
            oidc: {
              issuer: provider.issuer,
              clientId: options.clientId,
              clientSecret: options.clientSecret,
              redirectUri: `${gatewayUrl}/auth/callback`,
              postLogoutRedirectUri: `${gatewayUrl}/`,
            },
            sessions: instrumentSessionStore(options.sessions, telemetry.metrics),
            cookie: { name: 'cdc_session', secure: gatewayUrl.startsWith('https:') },
            returnUrl: `${gatewayUrl}/graphiql`,
            idleTimeoutSeconds: options.idleTimeoutSeconds,
          }),
        });
      },
      { host: options.host, port: options.gatewayPort ?? 0 },
    );
  } catch (error) {
    await provider?.close();
    throw error;
  }
  const running = gateway;
  const runningProvider = provider!;
  return {
    gatewayUrl: options.gatewayPublicUrl ?? running.url,
    providerUrl: runningProvider.issuer,
    close: async () => {
      await running.close();
      await runningProvider.close();
    },
  };
}
