import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { errorBody, PlatformError } from '../contract/errors.ts';
import { capConnections, HTTP_SERVER_OPTIONS } from './http-server.ts';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Listens a fastify app built by `build` and returns its URL (host 127.0.0.1 and port 0 by default). */
export async function listenApp(app: FastifyInstance, options: { host?: string; port?: number } = {}): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  return { url: urlOf(app.server, host), close: () => app.close() };
}

/**
 * Listens first, then builds: for servers whose own configuration needs their URL (the gateway
 * registers its redirect URI at the provider, which the gateway must know before it is built).
 */
export async function listenThenBuild(
  build: (url: string, serverFactory: FastifyServerFactory) => Promise<FastifyInstance>,
  options: { host?: string; port?: number } = {},
): Promise<Listening & { app: FastifyInstance }> {
  const host = options.host ?? '127.0.0.1';
  const server = capConnections(createServer(HTTP_SERVER_OPTIONS));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const url = urlOf(server, host);
  // Until the app is ready, its handler must not see a request (fastify's hooks are not in
  // place yet and it throws, which ended the process): callers are told to come back.
  let ready: RequestListener | undefined;
  let built: RequestListener | undefined;
  server.on('request', (request, response) => {
    if (ready) return ready(request, response);
    response
      .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
      .end(JSON.stringify(errorBody(new PlatformError('STARTING', { message: 'Starting; try again in a moment.' }))));
  });
  try {
    const app = await build(url, (handler) => {
      built = handler;
      return server;
    });
    await app.ready();
    ready = built;
    // Fastify closes only servers it listened itself: this one is ours to close.
    return { url, app, close: () => app.close().then(() => closeServer(server)) };
  } catch (error) {
    await closeServer(server);
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
