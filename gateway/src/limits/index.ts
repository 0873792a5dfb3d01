import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { queryLimits } from './armor.ts';
import { batchLimitHook, refuseCrossSiteLogout, registerHeaders, requestErrorHandler } from './http.ts';
import { allowlistHook, type PersistedOperations } from './persisted-operations.ts';
import { registerRateLimits, type RateLimitKeys } from './rate-limit.ts';
import type { ProtectionSettings } from './settings.ts';

export { PersistedOperations } from './persisted-operations.ts';
export { DEFAULT_PROTECTION, protectionEnv, protectionFrom, protectionWith, type ProtectionOverrides, type ProtectionSettings } from './settings.ts';

export interface ProtectionDeps extends RateLimitKeys {
  settings: ProtectionSettings;
  /** Production: persisted operations only, no introspection, no field suggestions. */
  /** Only the persisted operations, without introspection nor field suggestions (production). */
  persistedOnly: boolean;
  operations: PersistedOperations;
}

export type ApolloProtections<C extends BaseContext> = Pick<
  ApolloServerOptions<C>,
  'introspection' | 'csrfPrevention' | 'allowBatchedHttpRequests' | 'persistedQueries' | 'validationRules' | 'parseOptions'
> & { plugins: NonNullable<ApolloServerOptions<C>['plugins']> };

export interface GatewayProtections<C extends BaseContext> {
  /** To spread into the ApolloServer configuration. */
  apollo: ApolloProtections<C>;
  /** To spread into the `/graphql` route. */
  graphqlRoute: Pick<RouteShorthandOptions, 'bodyLimit' | 'preHandler' | 'errorHandler'>;
  close(): Promise<void>;
}

/** Probes and scrapes: an orchestrator or Prometheus refused would see a failure that is not one. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/health', '/metrics']);

/**
 * Everything the gateway refuses before it plans a query: security headers and CORS, rate
 * limits, cross-site logouts (on the app); body size, batch size and, with persistedOnly, unknown
 * documents (on `/graphql`); query depth, aliases, tokens, directives and cost, CSRF,
 * introspection and field suggestions (in Apollo).
 */
export async function registerProtections<C extends BaseContext>(app: FastifyInstance, deps: ProtectionDeps): Promise<GatewayProtections<C>> {
  const { settings, persistedOnly, operations } = deps;
  await registerHeaders(app, settings.http);
  const limits = await registerRateLimits(app, settings.rateLimit, deps);
  app.addHook('onRequest', async (request, reply) => {
    // GraphQL requests are counted once their body is read, by operation (operationsLimitHook).
    if (UNLIMITED_PATHS.has(request.url) || isGraphqlRequest(request)) return undefined;
    return (await limits.hook(request, reply)) ?? refuseCrossSiteLogout(request, reply);
  });
  /** Each operation of a batch counts against the limits as a request of one would. */
  const operationsLimitHook = async (request: FastifyRequest, reply: FastifyReply) =>
    limits.hook(request, reply, Array.isArray(request.body) ? request.body.length : 1);
  const { plugins, validationRules } = queryLimits<C>(settings, persistedOnly);
  return {
    apollo: {
      introspection: !persistedOnly,
      // Refuses GETs and simple-content-type POSTs that a browser would send cross-site without preflight.
      csrfPrevention: true,
      allowBatchedHttpRequests: settings.http.maxBatch > 1,
      persistedQueries: { cache: operations.cache(), ttl: null },
      validationRules,
      parseOptions: { maxTokens: settings.query.maxTokens },
      plugins,
    },
    graphqlRoute: {
      bodyLimit: settings.http.bodyLimitBytes,
      // A batch over the limit is refused before it is counted: it runs nothing.
      preHandler: [batchLimitHook(settings.http.maxBatch), operationsLimitHook, ...(persistedOnly ? [allowlistHook(operations)] : [])],
      errorHandler: requestErrorHandler(settings.http.bodyLimitBytes),
    },
    close: () => limits.close(),
  };
}

/** A GraphQL request to `/graphql` (not its CORS preflight, which is counted as it arrives). */
function isGraphqlRequest(request: FastifyRequest): boolean {
  return request.routeOptions.url === '/graphql' && (request.method === 'GET' || request.method === 'POST');
}
