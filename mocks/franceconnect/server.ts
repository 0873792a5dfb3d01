// Runs the mock FranceConnect on its own: `tsx mocks/franceconnect/server.ts`.
import { DEV_CLIENT_SECRET, listenProvider } from './app.ts';

const port = Number(process.env.FC_PORT ?? 4010);
const issuer = process.env.FC_ISSUER ?? `http://localhost:${port}`;
const gatewayUrl = (process.env.GATEWAY_PUBLIC_URL ?? 'http://localhost:4000').replace(/\/+$/, '');

const provider = await listenProvider({
  // Loopback by default; containers set FC_HOST=0.0.0.0.
  host: process.env.FC_HOST ?? '127.0.0.1',
  port,
  issuer,
  settings: {
    gateway: {
      clientId: process.env.FC_CLIENT_ID ?? 'compte-des-comptes',
      clientSecret: process.env.FC_CLIENT_SECRET ?? DEV_CLIENT_SECRET,
      redirectUris: [`${gatewayUrl}/auth/callback`],
      postLogoutRedirectUris: [`${gatewayUrl}/`],
    },
  },
});
console.log(`FranceConnect mock: ${provider.issuer}/.well-known/openid-configuration`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void provider.close().then(() => process.exit(0));
  });
}
