import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendErrorPage } from '../auth/error-page.ts';
import { AuthError } from '../auth/errors.ts';
import { refuse } from './errors.ts';
import type { ProtectionSettings } from './settings.ts';

/** Every page and asset is ours: no CDN, no inline script. GraphiQL sets the same policy itself. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

/**
 * Security headers on every answer (@fastify/helmet), and CORS granted to the configured
 * origins only (@fastify/cors): by default no other site may read the gateway's answers.
 */
export async function registerHeaders(app: FastifyInstance, settings: ProtectionSettings['http']): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const allowed = new Set(settings.allowedOrigins.map((origin) => new URL(origin).origin));
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
    maxAge: 600, // 10 min
  });
}

/**
 * Whether a request comes from a page of another site: browsers say so in Sec-Fetch-Site, and
 * in Origin for the requests that change something.
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * Logout ends a session: another site must not be able to trigger it (a forged link or form).
 * Login is left open to links from other sites, and the callback is protected by its state.
 */
export async function refuseCrossSiteLogout(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith('/auth/logout') && isCrossSite(request)) return sendErrorPage(reply, new AuthError('CROSS_SITE_REQUEST_REFUSED'));
  return undefined;
}

/** A batched request of more than `maxBatch` operations is refused before any of them runs. */
export function batchLimitHook(maxBatch: number) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (Array.isArray(request.body) && request.body.length > maxBatch) {
      return refuse(reply, 'BATCH_TOO_LARGE', `A batched request may hold at most ${maxBatch} operations; it held ${request.body.length}.`);
    }
    return undefined;
  };
}

/** What fastify refuses before GraphQL (too large, not JSON, unknown content type), in the GraphQL error shape. */
export function requestErrorHandler(bodyLimitBytes: number) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return refuse(reply, 'REQUEST_TOO_LARGE', `The request body is larger than ${bodyLimitBytes} bytes.`);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return refuse(reply, 'BAD_REQUEST', error.message, status);
    }
    return reply.send(error);
  };
}
