import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse, type GraphQLFormattedError } from 'graphql';
import { errorBody, PlatformError } from '../../contract/errors.ts';
import { InternalTokenVerifier, type VerifiedToken, type VerificationKey } from '../../contract/internal-token.ts';
import { READS_EXTENSION } from '../../contract/read-report.ts';
import { limitedFastify } from '../http-server.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { instrumentFastify } from '../observability/fastify.ts';
import { operationMetricsPlugin } from '../observability/graphql.ts';
import { fastifyLogging } from '../observability/logging.ts';
import { Telemetry } from '../observability/telemetry.ts';
import { BUDGET_HEADER, budgetFromHeader, budgeted } from '../resilience/budget.ts';
import { ReadLog } from './read-log.ts';
import { enforceRequiredScopes, type ScopedContext } from './scopes.ts';

/** What @apollo/subgraph takes as resolvers, named from its public signature rather than its dist/ files. */
type SubgraphResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/**
 * The subgraph kit: what the platform's subgraphs and the modules build their server with. A
 * module is written by a third party against the SDL; it may use this kit (common/) or any
 * Federation library, and must verify internal tokens and scopes as this kit does.
 */
export interface SubgraphOptions<C extends ScopedContext> {
  /** The subgraph's name, which is also the audience its internal tokens must carry. */
  name: string;
  sdl: string;
  /** The resolvers, typed from the SDL (`npm run codegen`: `Resolvers<C>` of each subgraph's generated types). */
  resolvers: object;
  /** Public key of the gateway's internal tokens. */
  tokenKey: VerificationKey;
  /** Builds the per-request context (loaders) once the token is verified. */
  createContext: (base: ScopedContext) => C;
  /** Other routes of this server (the identity subgraph's internal API). */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** Released when the server closes (agency pools…). */
  onClose?: () => Promise<void>;
  /** Logs, metrics and traces; silent logs and a fresh registry when absent. */
  telemetry?: Telemetry;
  /** Turns `/readyz` to 503 when the process starts shutting down. */
  lifecycle?: Lifecycle;
  /** Longest a request may take here, agency calls included; the gateway may give less (BUDGET_HEADER). */
  requestBudgetMs?: number;
}

/** 10 s: above the gateway's own budget, so that normally the gateway's header decides. */
const DEFAULT_REQUEST_BUDGET_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    internalToken?: VerifiedToken;
  }
}

/**
 * Builds one subgraph server (not listening): `POST /graphql` behind internal-token
 * verification, `/healthz`, `/readyz` and `/metrics`. Requests without a valid token get 401 before any GraphQL.
 */
export async function buildSubgraph<C extends ScopedContext>(options: SubgraphOptions<C>): Promise<FastifyInstance> {
  const telemetry = options.telemetry ?? new Telemetry({ service: options.name });
  const app = limitedFastify(fastifyLogging(telemetry.logger));
  instrumentFastify(app, { telemetry, lifecycle: options.lifecycle, readyz: true });
  const schema = buildSubgraphSchema({ typeDefs: parse(options.sdl), resolvers: options.resolvers as SubgraphResolverMap });
  const apollo = new ApolloServer<C>({
    schema: enforceRequiredScopes(schema),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it closes every server in order); Apollo's own signal
    // handlers would re-raise the signal once per server and loop.
    stopOnTerminationSignals: false,
    formatError: formatSubgraphError,
    logger: app.log,
    // No inline traces: they would hand timing details to whoever calls, and cost CPU. No cache
    // control: nothing here is cacheable (rights are read per request), and Apollo's default
    // plugin hooks every resolved field to compute hints (about 1% of a subgraph's CPU, bench/README.md).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      reportReads<C>(),
      operationMetricsPlugin(telemetry.metrics),
    ],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.post(
    '/graphql',
    { onRequest: requireInternalToken(options.tokenKey, options.name) },
    // Every agency call made for the request, retries included, fits in the budget the gateway gave it.
    budgeted(
      fastifyApolloHandler(apollo, {
        context: async (request) => options.createContext({ token: request.internalToken as VerifiedToken, reads: new ReadLog() }),
      }),
      (request) => budgetFromHeader(request.headers[BUDGET_HEADER], options.requestBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS),
    ),
  );
  await options.routes?.(app);
  // Fastify drains HTTP connections itself; Apollo's fastify drain plugin would close the app
  // again from inside its own onClose and never return.
  app.addHook('onClose', async () => {
    await apollo.stop();
    await options.onClose?.();
  });
  return app;
}

/**
 * A fastify `onRequest` hook: the request must carry an internal token for `audience`; it is
 * verified and put on `request.internalToken`, or the answer is 401 before anything else runs.
 */
export function requireInternalToken(key: VerificationKey, audience: string) {
  const verifier = new InternalTokenVerifier({ key, audience });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    try {
      if (!token) throw new PlatformError('UNAUTHENTICATED', { message: 'An internal token is required (Authorization: Bearer).' });
      request.internalToken = await verifier.verify(token);
    } catch (error) {
      if (error instanceof PlatformError) return reply.code(error.status).send(errorBody(error));
      throw error;
    }
    return undefined;
  };
}

/**
 * Hands a third party's reads back to the gateway, which journals them (see read-log.ts). A
 * citizen reading their own account is not journaled, so nothing is reported for them.
 */
function reportReads<C extends ScopedContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.token.actor.kind !== 'third_party' || contextValue.reads.size === 0) return;
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [READS_EXTENSION]: contextValue.reads.toJSON() };
        },
      };
    },
  };
}

/**
 * The catalogue's errors reach clients as they are (graphql-js takes a thrown error's
 * `extensions`); anything unexpected stays opaque.
 */
function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (unwrapResolverError(error) instanceof PlatformError) return formatted;
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}
