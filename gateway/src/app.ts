import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest, FastifyServerFactory, RouteHandlerMethod } from 'fastify';
import { introspectionFromSchema, type IntrospectionQuery } from 'graphql';
import type { CryptoKey, KeyObject } from 'jose';
import { Agent } from 'undici';
import { limitedFastify } from '../../common/http-server.ts';
import { MODULES_PATH, readModuleRegistry } from '../../common/modules.ts';
import type { ThirdPartyRegistry } from '../../common/third-parties.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import { instrumentFastify } from '../../common/observability/fastify.ts';
import { operationMetricsPlugin } from '../../common/observability/graphql.ts';
import { fastifyLogging } from '../../common/observability/logging.ts';
import { Telemetry } from '../../common/observability/telemetry.ts';
import { SUBGRAPHS } from '../../schemas/subgraphs.ts';
import { anonymousContext, citizenContext, thirdPartyContext } from './access.ts';
import type { GatewayAuth } from './auth/index.ts';
import type { GatewayContext } from './context.ts';
import { SubgraphDataSource } from './datasource.ts';
import { registerGraphiql } from './graphiql.ts';
import { checkReadiness, registerSubgraphUpGauge, subgraphHealthCheck, type ReadinessCheck } from './health.ts';
import { InternalTokenMinter } from './internal-tokens.ts';
import { accessJournalPlugin } from './journal-plugin.ts';
import { ModuleDataSource } from './module-datasource.ts';
import { supergraphFromFile } from './supergraph.ts';
import { createBearerVerifier, type VerifiedThirdParty } from './third-party/bearer.ts';
import { PlatformError, requestRefusal } from '../../contract/errors.ts';
import { IdentityInternalClient } from './third-party/identity-internal.ts';
import { registerUnsubscribe } from './notifications.ts';
import { namedBeneficiaries } from './third-party/named-beneficiaries.ts';
import { budgeted } from '../../common/resilience/budget.ts';
import { MANIFEST_PATH } from '../../operations/collect.ts';
import { sessionIdOf } from './auth/cookies.ts';
import { DEFAULT_PROTECTION, PersistedOperations, registerProtections, type ProtectionSettings } from './limits/index.ts';
import { DEFAULT_GATEWAY_RESILIENCE, type GatewayResilience } from './resilience.ts';
import { operationResolution } from './operation-resolution.ts';
import { registerWebApp } from './web-app.ts';

export interface ThirdPartyOptions {
  /** Issuer of third parties' client-credentials tokens (the OpenID provider). */
  issuer: string;
  /** The gateway's resource indicator: the `aud` their tokens must carry. */
  audience: string;
  registry: ThirdPartyRegistry;
}

export interface GatewayOptions {
  supergraphPath: string;
  /** Where each subgraph or module listens, overriding the URL composed in the supergraph. */
  subgraphUrls?: Partial<Record<string, string>>;
  /** Private key the internal tokens are signed with. */
  tokenKey: CryptoKey | KeyObject;
  /** The signing key's `kid`, sent in every internal token. */
  tokenKeyId?: string;
  /** Key of the person-id HMAC, shared with the subgraphs. */
  personIdKey: string;
  /** Secret the modules' pseudonym keys are derived from; never shared with anyone. */
  pseudonymSecret: string;
  /** Budget of one subgraph call. */
  subgraphTimeoutMs: number;
  auth: GatewayAuth;
  thirdParties: ThirdPartyOptions;
  /** Registered modules; read again whenever the supergraph brings a new subgraph. Default config/modules.json. */
  modulesPath?: string;
  /** `persisted`: the persisted operations only, no introspection nor field suggestions; `any`: any document. */
  documents: 'persisted' | 'any';
  /** Query, body, batch and rate limits, CORS origins; defaults in limits/settings.ts. */
  protection?: ProtectionSettings;
  /** Request budget, subgraph retries, circuits and concurrency; defaults in resilience.ts. */
  resilience?: GatewayResilience;
  /** The persisted operations; read from operations/manifest.json when absent. */
  operations?: PersistedOperations;
  supergraphPollIntervalMs?: number;
  /**
   * Addresses or ranges of the load balancers in front, whose `X-Forwarded-For` is believed; none
   * by default. Per-client rate limits then count the client it names rather than the balancer.
   */
  trustedProxies?: string[];
  /** Logs, metrics and traces; silent logs and a fresh registry when absent. */
  telemetry?: Telemetry;
  /** Turns `/readyz` to 503 when the process starts shutting down. */
  lifecycle?: Lifecycle;
  /** A server already listening (see common/listen.ts), when the URL had to be known first. */
  serverFactory?: FastifyServerFactory;
  /** The built citizen web app (`web/dist`), served at `/app/`. */
  webAppDir: string;
}

/**
 * Builds the gateway (not listening): the federated `/graphql` for citizens (session cookie)
 * and third parties (bearer token), login routes, offline GraphiQL, the citizen web app and
 * health endpoints.
 */
export async function build(options: GatewayOptions): Promise<FastifyInstance> {
  // Usage reporting must never leave the platform, whatever the environment says.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const telemetry = options.telemetry ?? new Telemetry({ service: 'gateway' });
  const app = limitedFastify({
    ...fastifyLogging(telemetry.logger),
    serverFactory: options.serverFactory,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
  });
  instrumentFastify(app, { telemetry, lifecycle: options.lifecycle });
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128 }); // 30 s keep-alive
  const tokens = new InternalTokenMinter({ key: options.tokenKey, keyId: options.tokenKeyId });
  const resilience = options.resilience ?? DEFAULT_GATEWAY_RESILIENCE;
  const verifyBearer = createBearerVerifier({ ...options.thirdParties, timeoutMs: options.subgraphTimeoutMs });
  // A request's bearer token is verified once: the rate limit counts its client, the context acts for it.
  const verifications = new WeakMap<FastifyRequest, Promise<VerifiedThirdParty>>();
  const verifiedBearer = (request: FastifyRequest): Promise<VerifiedThirdParty> => {
    let verification = verifications.get(request);
    if (!verification) {
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      verification = token
        ? verifyBearer(token)
        : Promise.reject(new PlatformError('INVALID_TOKEN', { message: 'The Authorization header must be "Bearer <access token>".' }));
      verifications.set(request, verification);
    }
    return verification;
  };
  const operations = options.operations ?? (await PersistedOperations.load(MANIFEST_PATH));
  const protections = await registerProtections<GatewayContext>(app, {
    settings: options.protection ?? DEFAULT_PROTECTION,
    persistedOnly: options.documents === 'persisted',
    operations,
    sessionCookie: sessionIdOf,
    thirdPartyClient: async (request) =>
      request.headers.authorization === undefined ? undefined : (await verifiedBearer(request).catch(() => undefined))?.client.clientId,
  });
  const urlOf = (name: string, composedUrl: string | undefined) => options.subgraphUrls?.[name] ?? composedUrl ?? '';
  const identityUrl = urlOf('identity', SUBGRAPHS.find((s) => s.name === 'identity')?.url);
  const identity = new IdentityInternalClient({ baseUrl: identityUrl, tokens, dispatcher, timeoutMs: options.subgraphTimeoutMs });
  for (const s of SUBGRAPHS) telemetry.addPeer(urlOf(s.name, s.url), { kind: 'subgraph', name: s.name });

  let supergraphLoaded = false;
  let publicSchema: IntrospectionQuery | undefined;
  const gateway = new ApolloGateway({
    logger: app.log,
    supergraphSdl: supergraphFromFile({
      path: options.supergraphPath,
      pollIntervalMs: options.supergraphPollIntervalMs,
      onReload: () => app.log.info('supergraph reloaded'),
      onReloadError: (error) => app.log.error({ err: error }, 'supergraph reload failed; keeping the previous one'),
    }),
    buildService: ({ name, url }) => {
      const common = { name, url: urlOf(name, url), timeoutMs: options.subgraphTimeoutMs, dispatcher, tokens, resilience: resilience.subgraphs };
      const platform = SUBGRAPHS.find((s) => s.name === name);
      if (platform) return new SubgraphDataSource({ ...common, agency: platform.agency, identityClaims: platform.identityClaims });
      // Anything else in the supergraph is a third party's module: pseudonyms only, or not called.
      const registry = readModuleRegistry(options.modulesPath ?? MODULES_PATH);
      const refusal = registry.refused.find((r) => r.entry === name)?.message;
      if (refusal) app.log.warn(refusal);
      const module = registry.modules.find((m) => m.name === name);
      return new ModuleDataSource({ ...common, agency: null, identityClaims: [], module, refusal, pseudonymSecret: options.pseudonymSecret });
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    supergraphLoaded = true;
    // GraphiQL's docs and completion, whatever the gateway runs: introspection may be off.
    publicSchema = introspectionFromSchema(apiSchema);
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...protections.apollo,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (it closes every server in order); Apollo's own signal
    // handlers would re-raise the signal once per server and loop.
    stopOnTerminationSignals: false,
    logger: app.log,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationResolution(),
      operationMetricsPlugin(telemetry.metrics, { knownOperations: operations.names }),
      ...protections.apollo.plugins,
      accessJournalPlugin(identity),
    ],
  });
  await apollo.start();

  await options.auth.register(app);
  await registerGraphiql(app, () => publicSchema);
  await registerWebApp(app, options.webAppDir);
  await registerUnsubscribe(app, identity);

  /** A bearer token is a third party; otherwise the session cookie, if any, is a citizen. */
  async function contextOf(request: FastifyRequest): Promise<GatewayContext> {
    if (request.headers.authorization !== undefined) {
      try {
        const verified = await verifiedBearer(request);
        return thirdPartyContext(verified, await identity.activeConsents(verified.client, namedBeneficiaries(request)));
      } catch (error) {
        asRequestError(error);
      }
    }
    try {
      const session = await options.auth.readSession(request);
      return session ? citizenContext(session, options.personIdKey) : anonymousContext();
    } catch (error) {
      asRequestError(error);
    }
  }

  const graphqlHandler = fastifyApolloHandler(apollo, { context: async (request) => contextOf(request) });
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    ...protections.graphqlRoute,
    // Apollo's handler is typed for its own route generic; the hooks above for any route.
    handler: budgeted(graphqlHandler, resilience.requestBudgetMs) as unknown as RouteHandlerMethod,
  });

  // Ready means able to serve: a supergraph and the session store. A subgraph down does not take
  // the gateway out of rotation (it answers with that section null and a coded error); it shows
  // in `/health` and in `subgraph_up`, both kept off the public entry (docs/deployment.md).
  const readiness: ReadinessCheck[] = [
    {
      name: 'supergraph',
      check: async () => {
        if (!supergraphLoaded) throw new Error('not loaded');
      },
    },
    { name: 'sessions', check: options.auth.ping },
  ];
  const subgraphChecks = SUBGRAPHS.map((s) => subgraphHealthCheck(s.name, urlOf(s.name, s.url), dispatcher, 1000));
  registerSubgraphUpGauge(telemetry, subgraphChecks);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await checkReadiness(readiness);
    return reply.code(ready.ready ? 200 : 503).send(ready);
  });
  app.get('/health', async (_request, reply) => {
    const [ready, subgraphs] = await Promise.all([checkReadiness(readiness), checkReadiness(subgraphChecks)]);
    return reply.code(ready.ready ? 200 : 503).send({ ...ready, subgraphs: subgraphs.checks });
  });

  // Fastify drains HTTP connections itself (Apollo's fastify drain plugin would deadlock here).
  app.addHook('onClose', async () => {
    await apollo.stop();
    await options.auth.close();
    await dispatcher.close();
    await protections.close();
  });
  return app;
}

/**
 * A refusal before any data (a bearer token refused, consents or sessions that cannot be read):
 * its code and HTTP status, the cause kept for logs, never data. Anything else is a bug.
 */
function asRequestError(error: unknown): never {
  if (!(error instanceof PlatformError)) throw error;
  throw requestRefusal(error, error.code === 'INVALID_TOKEN' ? { 'www-authenticate': 'Bearer error="invalid_token"' } : undefined);
}
