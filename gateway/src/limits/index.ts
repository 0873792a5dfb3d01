import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { queryLimits } from './armor.ts';
import { batchLimitHook, refuseCrossSiteLogout, registerHeaders, requestErrorHandler } from './http.ts';
import { allowlistHook, type PersistedOperations } from './persisted-operations.ts';
import { registerRateLimits, type RateLimitKeys } from './rate-limit.ts';
import type { ProtectionSettings } from './settings.ts';

export { REFUSALS, type RefusalCode } from './errors.ts';
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
    if (UNLIMITED_PATHS.has(request.url)) return undefined;
    return (await limits.hook(request, reply)) ?? refuseCrossSiteLogout(request, reply);
  });
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
      preHandler: persistedOnly ? [batchLimitHook(settings.http.maxBatch), allowlistHook(operations)] : [batchLimitHook(settings.http.maxBatch)],
      errorHandler: requestErrorHandler(settings.http.bodyLimitBytes),
    },
    close: () => limits.close(),
  };
}
