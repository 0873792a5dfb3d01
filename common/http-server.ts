import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Server, ServerOptions } from 'node:http';

/**
 * What every HTTP server of the platform allows a client, so that a slow or idle one cannot
 * hold connections: Node's own defaults let a request take 5 minutes, and fastify's turn that
 * limit off altogether.
 */
export const HTTP_LIMITS = {
  /** A whole request, headers and body, must arrive within this: 10 s (bodies are 64 KiB at most). */
  requestTimeoutMs: 10_000,
  /** Its headers within this (slowloris): 5 s. */
  headersTimeoutMs: 5_000,
  /** An idle keep-alive connection is closed after this: 72 s, above load balancers' 60 s, so they close first. */
  keepAliveTimeoutMs: 72_000,
  /** Connections open at once; past this, new ones are closed as they arrive. */
  maxConnections: 1_024,
} as const;

/** For a server made with node:http. Node checks the open connections against the timeouts every second (its default: 30 s). */
export const HTTP_SERVER_OPTIONS: ServerOptions = {
  requestTimeout: HTTP_LIMITS.requestTimeoutMs,
  headersTimeout: HTTP_LIMITS.headersTimeoutMs,
  keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
  connectionsCheckingInterval: 1_000, // 1 s
};

/** Caps the connections a server keeps open at once. */
export function capConnections<S extends Server>(server: S): S {
  server.maxConnections = HTTP_LIMITS.maxConnections;
  return server;
}

/**
 * A fastify app whose server has the platform's limits: fastify sets its own request and
 * keep-alive timeouts on the server it makes, so they are given to it too. A server given by a
 * `serverFactory` keeps its own (see common/listen.ts).
 */
export function limitedFastify(options: FastifyHttpOptions<Server>): FastifyInstance {
  const app = Fastify({
    ...options,
    http: HTTP_SERVER_OPTIONS,
    requestTimeout: HTTP_LIMITS.requestTimeoutMs,
    keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
  });
  capConnections(app.server);
  return app;
}
