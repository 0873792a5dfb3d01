import type { CryptoKey, KeyObject } from 'jose';
import { fileURLToPath } from 'node:url';
import { listenThenBuild, type Listening } from '../common/listen.ts';
import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../contract/third-party.ts';
import { listenProvider } from '../mocks/franceconnect/app.ts';
import { randomBytes } from 'node:crypto';
import { ThirdPartyRegistry } from '../common/third-parties.ts';
import { build } from '../gateway/src/app.ts';
import { createGatewayAuth } from '../gateway/src/auth/index.ts';
import type { SessionStore } from '../gateway/src/session/index.ts';
import { instrumentSessionStore } from '../gateway/src/observability/session-store.ts';
import type { Logger } from '../common/observability/logging.ts';
import { Telemetry } from '../common/observability/telemetry.ts';
import { protectionWith, type ProtectionOverrides } from '../gateway/src/limits/index.ts';
import { DEFAULT_GATEWAY_RESILIENCE, type GatewayResilience } from '../gateway/src/resilience.ts';
import { WEB_APP_PATH } from '../gateway/src/web-app.ts';

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

/** The citizen web app as `npm run build:web` leaves it. */
export const WEB_APP_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface StartGatewayOptions {
  host?: string;
  gatewayPort?: number;
  providerPort?: number;
  /** Public URLs, when they differ from the listening ones (`localhost` rather than 127.0.0.1). */
  gatewayPublicUrl?: string;
  providerIssuer?: string;
  clientId: string;
  clientSecret: string;
  /** Registered at the provider (client credentials, with their development secrets) and at the gateway; none by default. */
  thirdParties?: ThirdPartyRegistry;
  /** Secret of the modules' pseudonym keys; random by default. */
  pseudonymSecret?: string;
  modulesPath?: string;
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
  /** The built web app; default `web/dist`. */
  webAppDir?: string;
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
  const thirdParties = options.thirdParties ?? new ThirdPartyRegistry([]);
  const pseudonymSecret = options.pseudonymSecret ?? randomBytes(32).toString('base64url');
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
            thirdParties: thirdParties.all.map((tp) => ({
              clientId: tp.clientId,
              clientSecret: tp.devClientSecret,
              name: tp.name,
              scopes: [...tp.scopes],
            })),
          },
        });
        return build({
          serverFactory,
          supergraphPath: options.supergraphPath,
          subgraphUrls: options.subgraphUrls,
          subgraphTimeoutMs: options.subgraphTimeoutMs,
          tokenKey: options.tokenKey,
          personIdKey: options.personIdKey,
          pseudonymSecret,
          modulesPath: options.modulesPath,
          thirdParties: { issuer: provider.issuer, audience: DEFAULT_THIRD_PARTY_AUDIENCE, registry: thirdParties },
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
          webAppDir: options.webAppDir ?? WEB_APP_DIR,
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
            cookie: { secure: gatewayUrl.startsWith('https:') },
            // Signed in, the citizen lands on the web app (or the gateway path given as `returnTo`).
            returnUrl: `${gatewayUrl}${WEB_APP_PATH}`,
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
