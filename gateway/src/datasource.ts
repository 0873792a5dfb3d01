import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, fetch as undiciFetch } from 'undici';
import type { InternalTokenMinter } from './internal-tokens.ts';
import { BUDGET_HEADER, callTimeout } from '../../common/resilience/budget.ts';
import type { CallPolicySettings } from '../../common/resilience/policy.ts';
import type { GatewayContext } from './context.ts';
import { createSubgraphPolicy, isTimeout, SubgraphRejection } from './resilience.ts';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** The agency the subgraph reads, named in its errors. */
  agency: string | null;
  /** True for the platform's own subgraphs, which may receive the signed-in citizen's identity. */
  platform: boolean;
  timeoutMs: number;
  dispatcher: Agent;
  tokens: InternalTokenMinter;
  /** Retries (queries only), circuit and concurrency limit; see resilience.ts. */
  resilience: CallPolicySettings;
}

/** Kept for the subgraph's answer to travel back before the gateway stops waiting. */
const BUDGET_MARGIN_MS = 100;

/**
 * How the gateway calls one subgraph: over a keep-alive undici pool, within a time budget
 * (its own, cut to what is left of the request's, and passed on to the subgraph), behind a
 * circuit breaker and a concurrency limit, retrying queries only, carrying only an internal
 * token minted for that subgraph. Nothing from the incoming
 * request (cookies, FranceConnect tokens) is forwarded. A subgraph that fails becomes one
 * coded error naming it, so the other sections of the answer still arrive.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #options: SubgraphDataSourceOptions;
  readonly #policy: ReturnType<typeof createSubgraphPolicy>;

  constructor(options: SubgraphDataSourceOptions) {
    const fetcher = ((input: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, {
        ...init,
        dispatcher: options.dispatcher,
        signal: AbortSignal.timeout(Math.max(1, callTimeout(options.timeoutMs))),
      })) as unknown as Fetcher;
    super({ url: options.url, fetcher });
    this.#options = options;
    this.#policy = createSubgraphPolicy(options.name, options.resilience);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { name, tokens, platform } = this.#options;
    // Agency subgraphs need the citizen's pivot to find their file when they act (mutations
    // have no @requires); anything outside the platform, such as modules, never gets it.
    const claims = platform && context.claims.actor.kind === 'citizen' ? context.claims : { ...context.claims, identity: undefined };
    const token = await tokens.tokenFor(name, claims, context.claimsKey);
    request.http?.headers.set('authorization', `Bearer ${token}`);
    request.http?.headers.set(BUDGET_HEADER, String(Math.max(1, callTimeout(this.#options.timeoutMs) - BUDGET_MARGIN_MS)));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const query = 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
    try {
      if (callTimeout(this.#options.timeoutMs) <= 0) throw new DOMException('request budget spent', 'TimeoutError');
      return await this.#policy.execute(() => super.process(options), { idempotent: query });
    } catch (error) {
      const { name, agency, timeoutMs } = this.#options;
      const timedOut = isTimeout(error);
      return {
        errors: [
          {
            message: timedOut
              ? `The ${name} service did not answer within ${timeoutMs} ms.`
              : error instanceof SubgraphRejection
                ? `The ${name} service is temporarily unavailable.`
                : `The ${name} service is unavailable.`,
            extensions: { code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', serviceName: name, agency },
          },
        ],
      };
    }
  }
}
