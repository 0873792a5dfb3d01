import { ApolloServer, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { parse, type GraphQLFormattedError } from 'graphql';
import { InternalTokenError, verifyInternalToken, type VerifiedToken, type VerificationKey } from '../../common/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import { instrumentFastify } from '../../common/observability/fastify.ts';
import { operationMetricsPlugin } from '../../common/observability/graphql.ts';
import { fastifyLogging } from '../../common/observability/logging.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { BUDGET_HEADER, budgetFromHeader, budgeted } from '../../common/resilience/budget.ts';
import { AgencyError, AgencyRefusal } from './errors.ts';

export interface SubgraphOptions<C extends BaseContext> {
  /** The subgraph's name, which is also the audience its internal tokens must carry. */
  name: string;
  sdl: string;
  resolvers: GraphQLResolverMap<C>;
  /** Public key of the gateway's internal tokens. */
  tokenKey: VerificationKey;
  /** Builds the per-request context (loaders) once the token is verified. */
  createContext: (token: VerifiedToken) => C;
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
export async function buildSubgraph<C extends BaseContext>(options: SubgraphOptions<C>): Promise<FastifyInstance> {
  const telemetry = options.telemetry ?? new Telemetry({ service: options.name });
  const app = Fastify(fastifyLogging(telemetry.logger));
  instrumentFastify(app, { telemetry, lifecycle: options.lifecycle, readyz: true });
  const apollo = new ApolloServer<C>({
    schema: buildSubgraphSchema({ typeDefs: parse(options.sdl), resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it closes every server in order); Apollo's own signal
    // handlers would re-raise the signal once per server and loop.
    stopOnTerminationSignals: false,
    formatError: formatSubgraphError,
    logger: app.log,
    // No inline traces: they would hand timing details to whoever calls, and cost CPU.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), operationMetricsPlugin(telemetry.metrics)],
  });
  await apollo.start();

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.post(
    '/graphql',
    {
      onRequest: async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!token) return reply.code(401).send(unauthenticated('An internal token is required (Authorization: Bearer).'));
      try {
        request.internalToken = await verifyInternalToken(token, { key: options.tokenKey, audience: options.name });
      } catch (error) {
        if (error instanceof InternalTokenError) return reply.code(401).send(unauthenticated(error.message));
        throw error;
      }
      return undefined;
      },
    },
    // Every agency call made for the request, retries included, fits in the budget the gateway gave it.
    budgeted(
      fastifyApolloHandler(apollo, {
        context: async (request) => options.createContext(request.internalToken as VerifiedToken),
      }),
      (request) => budgetFromHeader(request.headers[BUDGET_HEADER], options.requestBudgetMs ?? DEFAULT_REQUEST_BUDGET_MS),
    ),
  );
  // Fastify drains HTTP connections itself; Apollo's fastify drain plugin would close the app
  // again from inside its own onClose and never return.
  app.addHook('onClose', async () => {
    await apollo.stop();
    await options.onClose?.();
  });
  return app;
}

function unauthenticated(message: string) {
  return { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
}

/** Agency failures carry their code and agency; anything unexpected stays opaque. */
function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AgencyError || original instanceof AgencyRefusal) {
    return { ...formatted, message: original.message, extensions: { code: original.code, agency: original.agency } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}
