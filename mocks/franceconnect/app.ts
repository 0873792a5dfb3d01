import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import Provider from 'oidc-provider';
import type { JWK } from 'jose';

import { DEMO_PASSWORD, personaIdentities } from '../population/personas.ts';
import { createAccountDirectory } from './accounts.ts';
import { registerClients } from './clients.ts';
import { buildConfiguration } from './configuration.ts';
import { handleInteractions } from './interactions.ts';
import { prepareSigningKeys } from './keys.ts';
import { DEFAULT_THIRD_PARTY_AUDIENCE } from '../../contract/third-party.ts';
import { capConnections, HTTP_SERVER_OPTIONS } from '../../common/http-server.ts';
import { SECTION_SCOPES } from '../../contract/scopes.ts';
import { DEV_PAIRWISE_SALT } from './options.ts';
import type { ProviderOptions } from './options.ts';

export { DEV_CLIENT_SECRET, DEV_PAIRWISE_SALT } from './options.ts';
export type { GatewayClientOptions, ProviderOptions, RelyingPartyOptions, ThirdPartyOptions } from './options.ts';
export { ROUTES } from './configuration.ts';

export interface BuiltProvider {
  /** A node:http request listener serving the whole provider under the issuer's path (`/api/v2`). */
  callback: (req: IncomingMessage, res: ServerResponse) => void;
  provider: Provider;
  /** The public signing keys, as published at `${issuer}/jwks`. */
  jwks: { keys: JWK[] };
}

/** Builds the FranceConnect-style provider without listening, so the caller picks the server. */
export async function buildProvider(options: ProviderOptions): Promise<BuiltProvider> {
  const keys = await prepareSigningKeys(options.keys);
  const clients = registerClients(options);
  const directory = createAccountDirectory(personaIdentities, DEMO_PASSWORD);
  const mountPath = new URL(options.issuer).pathname.replace(/\/+$/, '');
  const provider = new Provider(
    options.issuer,
    buildConfiguration({
      clients,
      directory,
      keys,
      resourceAudience: options.resourceAudience ?? DEFAULT_THIRD_PARTY_AUDIENCE,
      resourceScopes: options.resourceScopes ?? [...SECTION_SCOPES],
      pairwiseSalt: options.pairwiseSalt ?? DEV_PAIRWISE_SALT,
      mountPath,
    }),
  );
  // An https issuer served by this plain-http listener means TLS ends at a reverse proxy: trust its
  // X-Forwarded-Proto so cookies are Secure there. On plain-http localhost they cannot be.
  provider.proxy = new URL(options.issuer).protocol === 'https:';
  provider.use(handleInteractions(provider, directory, clients.names, mountPath));
  return { callback: mounted(mountPath, provider.callback()), provider, jwks: keys.publicJwks };
}

/**
 * Serves the provider under its issuer's path, as FranceConnect v2 publishes `https://<host>/api/v2`
 * with discovery at `/api/v2/.well-known/openid-configuration`. oidc-provider reads the path it
 * is mounted at from `originalUrl`, as when mounted by express or koa.
 */
function mounted(mountPath: string, callback: BuiltProvider['callback']): BuiltProvider['callback'] {
  return (req, res) => {
    const url = req.url ?? '/';
    if (mountPath && url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', error_description: `everything is under ${mountPath}` }));
      return;
    }
    Object.assign(req, { originalUrl: url });
    req.url = url.slice(mountPath.length) || '/';
    callback(req, res);
  };
}

export type ProviderSettings = Omit<ProviderOptions, 'issuer'>;

/** Where FranceConnect v2 publishes its issuer on its host. */
export const FRANCECONNECT_V2_PATH = '/api/v2';

export interface ListenProviderOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Public URL, its path included, when it differs from the listening address (proxy, container); default http://host:port/api/v2. */
  issuer?: string;
  /** The provider's settings, or a function of the issuer when they depend on it. */
  settings: ProviderSettings | ((issuer: string) => ProviderSettings);
}

export interface ListeningProvider extends BuiltProvider {
  issuer: string;
  /** Where it listens (the issuer may be a proxy's address). */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens first, then builds the provider: with port 0 the issuer is only known once listening.
 * Requests arriving in between get a 503.
 */
export async function listenProvider({ host = '127.0.0.1', port = 0, issuer, settings }: ListenProviderOptions): Promise<ListeningProvider> {
  const server = capConnections(createServer(HTTP_SERVER_OPTIONS, (_req, res) => {
    res.writeHead(503, { 'retry-after': '1' }).end();
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Browsers and fetch keep connections alive; dropping them is what lets close() return.
      server.closeAllConnections();
    });

  try {
    const address = server.address() as AddressInfo;
    const publicIssuer = issuer ?? `http://${formatHost(address)}:${address.port}${FRANCECONNECT_V2_PATH}`;
    const built = await buildProvider({
      ...(typeof settings === 'function' ? settings(publicIssuer) : settings),
      issuer: publicIssuer,
    });
    server.removeAllListeners('request');
    server.on('request', built.callback);
    return { ...built, issuer: publicIssuer, url: `http://${formatHost(address)}:${address.port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function formatHost({ address, family }: AddressInfo): string {
  return family === 'IPv6' ? `[${address}]` : address;
}
