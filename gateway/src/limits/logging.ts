import type { FastifyServerOptions } from 'fastify';

/** Where the gateway logs: nowhere, stdout, or a stream of the caller's (tests read theirs). */
export type GatewayLogger = boolean | { level?: string; stream: NodeJS.WritableStream };

/**
 * The gateway's logger, never writing a query string: `/auth/callback?code=…&state=…` carries
 * a one-time authorization code, and `/graphql?variables=…` what a person typed. Only the path
 * is logged, and request headers (cookies, bearer tokens) never are.
 */
export function gatewayLogger(logger: GatewayLogger | undefined): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const serializers = {
    req: (request: { method: string; url: string; ip?: string }) => ({
      method: request.method,
      path: request.url.split('?')[0],
      remoteAddress: request.ip,
    }),
  };
  return logger === true ? { serializers } : { level: logger.level ?? 'info', stream: logger.stream, serializers };
}
