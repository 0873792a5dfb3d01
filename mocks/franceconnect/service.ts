import { NOTIFICATIONS_CLIENT_ID } from '../../contract/notifications.ts';
import type { RunningService, ServiceDefinition } from '../../common/service.ts';
import { providerEnv, readProviderConfig } from './config.ts';

/**
 * The mock FranceConnect as a service: the gateway registered as its relying party, and the
 * third parties of config/third-parties.json with their development secrets (they are stand-ins
 * too: a deployment's real provider holds their real ones).
 */
export interface RunningProvider extends RunningService {
  /** Its issuer, which the gateway is configured with. */
  issuer: string;
}

export const providerService: ServiceDefinition<ReturnType<typeof readProviderConfig>, RunningProvider> = {
  name: 'franceconnect',
  env: providerEnv,
  readConfig: readProviderConfig,
  start: async (config, kit) => {
    const { listenProvider } = await import('./app.ts');
    const { loadThirdParties } = await import('../../common/third-parties.ts');
    const thirdParties = await loadThirdParties();
    const provider = await listenProvider({
      host: config.FC_HOST,
      port: config.FC_PORT,
      issuer: config.issuer,
      settings: {
        gateway: {
          clientId: config.FC_CLIENT_ID,
          clientSecret: config.FC_CLIENT_SECRET,
          redirectUris: [`${config.gatewayUrl}/auth/callback`],
          postLogoutRedirectUris: [`${config.gatewayUrl}/`],
        },
        thirdParties: thirdParties.all.map((tp) => ({
          clientId: tp.clientId,
          clientSecret: (tp.clientId === NOTIFICATIONS_CLIENT_ID ? config.NOTIFICATIONS_CLIENT_SECRET : undefined) ?? tp.devClientSecret,
          name: tp.name,
          scopes: [...tp.scopes],
        })),
        resourceAudience: config.THIRD_PARTY_AUDIENCE,
      },
    });
    kit.logger.info({ discovery: `${provider.issuer}/.well-known/openid-configuration` }, 'FranceConnect mock listening');
    return { url: provider.url, issuer: provider.issuer, close: () => provider.close() };
  },
};
