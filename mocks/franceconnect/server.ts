// Runs the mock FranceConnect on its own: `node --import tsx mocks/franceconnect/server.ts`.
// Configuration: mocks/franceconnect/config.ts.
import { runService } from '../../common/process.ts';
import { readProviderConfig } from './config.ts';

await runService({
  name: 'franceconnect',
  readConfig: () => readProviderConfig(),
  start: async (config, kit) => {
    const { listenProvider } = await import('./app.ts');
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
      },
    });
    kit.logger.info({ discovery: `${provider.issuer}/.well-known/openid-configuration` }, 'FranceConnect mock listening');
    return { close: () => provider.close() };
  },
});
