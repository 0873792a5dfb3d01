import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Agent } from 'undici';
import { errorBody, PlatformError } from '../../contract/errors.ts';
import type { InternalClaims } from '../../contract/internal-token.ts';
import type { IdentityClaim } from '../../schemas/subgraphs.ts';
import { BUDGET_HEADER, callTimeout } from '../../common/resilience/budget.ts';
import { deadline } from '../../common/resilience/deadline.ts';
import type { CallPolicySettings } from '../../common/resilience/policy.ts';
import { READS_EXTENSION } from '../../contract/read-report.ts';
import { anonymousContext } from './access.ts';
import type { GatewayContext } from './context.ts';
import type { InternalTokenMinter } from './internal-tokens.ts';
import { isTimeout } from '../../common/error-shape.ts';
import { createSubgraphPolicy, SubgraphHttpError, SubgraphRejection } from './resilience.ts';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** The agency the subgraph reads, named in its errors. */
  agency: string | null;
  /** What of the signed-in citizen's identity its tokens carry (schemas/subgraphs.ts); nothing for modules. */
  identityClaims: readonly IdentityClaim[];
  timeoutMs: number;
  dispatcher: Agent;
  tokens: InternalTokenMinter;
  /** Retries (queries only), circuit and concurrency limit; see resilience.ts. */
  resilience: CallPolicySettings;
}

/** Kept for the subgraph's answer to travel back before the gateway stops waiting. */
const BUDGET_MARGIN_MS = 100;

/** The request's context; none for the gateway's own calls (health checks, schema loading). */
export function requestContextOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): GatewayContext | undefined {
  return 'incomingRequestContext' in options ? options.context : undefined;
}

/**
 * How the gateway calls one of the platform's subgraphs: over a keep-alive undici pool, within
 * a time budget (its own, cut to what is left of the request's, and passed on to the subgraph),
 * behind a circuit breaker and a concurrency limit, retrying queries only, carrying only an
 * internal token minted for that subgraph. Nothing from the incoming request (cookies,
 * FranceConnect or third-party tokens) is forwarded. A subgraph that fails becomes one coded
 * error naming it, so the other sections of the answer still arrive. What the subgraph reports
 * it read is kept for the access journal.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  protected readonly options: SubgraphDataSourceOptions;
  readonly #policy: ReturnType<typeof createSubgraphPolicy>;
  readonly #origin: string;
  readonly #path: string;

  constructor(options: SubgraphDataSourceOptions) {
    this.options = options;
    this.#policy = createSubgraphPolicy(options.name, options.resilience);
    const url = new URL(options.url);
    this.#origin = url.origin;
    this.#path = `${url.pathname}${url.search}`;
  }

  /**
   * One call, with undici's `request` on the keep-alive pool. Apollo's RemoteGraphQLDataSource
   * builds a node-fetch Headers and Request and goes through a fetch for each call; with fetch's
   * WHATWG streams and the AbortSignal of its timeout, that was the largest part of the
   * gateway's own CPU time in profiles (bench/RESULTS.md). A non-2xx answer throws
   * SubgraphHttpError (resilience.ts decides whether it is worth a retry); a 2xx one is its JSON.
   */
  async #send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { name, tokens, timeoutMs, url } = this.options;
    const [claims, claimsKey] = this.claimsFor(requestContextOf(options) ?? anonymousContext(), options.request);
    const budgetMs = Math.max(1, callTimeout(timeoutMs));
    const { query, variables, operationName, extensions } = options.request;
    const timer = deadline(budgetMs);
    try {
      const response = await this.options.dispatcher.request({
        origin: this.#origin,
        path: this.#path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await tokens.tokenFor(name, claims, claimsKey)}`,
          [BUDGET_HEADER]: String(Math.max(1, budgetMs - BUDGET_MARGIN_MS)),
        },
        body: JSON.stringify({ query, variables, operationName, extensions }),
        signal: timer.signal,
      });
      const text = await response.body.text();
      if (response.statusCode < 200 || response.statusCode >= 300) throw new SubgraphHttpError(name, response.statusCode);
      const body: unknown = JSON.parse(text);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`${url} answered JSON that is not an object`);
      return body as GatewayGraphQLResponse;
    } finally {
      timer.clear();
    }
  }

  /**
   * Who acts and the grants, and of the signed-in citizen's identity only what this subgraph
   * needs (`identityClaims`): the pivot for an agency subgraph to find the citizen's file when
   * they act (mutations have no @requires), the email for identity's `me` alone. The claims key
   * may stay the request's: tokens are cached per audience.
   */
  protected claimsFor(context: GatewayContext, _request: GatewayGraphQLRequest): [InternalClaims, string] {
    const { actor, grants, identity } = context.claims;
    const wanted = this.options.identityClaims;
    if (!identity || !wanted.includes('pivot')) return [{ actor, grants }, context.claimsKey];
    return [{ actor, grants, identity: wanted.includes('email') ? identity : { pivot: identity.pivot } }, context.claimsKey];
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const query = 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
    let response: GatewayGraphQLResponse;
    try {
      if (callTimeout(this.options.timeoutMs) <= 0) throw new DOMException('request budget spent', 'TimeoutError');
      response = await this.#policy.execute(() => this.#send(options), { idempotent: query });
    } catch (error) {
      const { name, agency, timeoutMs } = this.options;
      const timedOut = isTimeout(error);
      const message = timedOut
        ? `The ${name} service did not answer within ${timeoutMs} ms.`
        : error instanceof SubgraphRejection
          ? `The ${name} service is temporarily unavailable.`
          : `The ${name} service is unavailable.`;
      return errorBody(
        new PlatformError(timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', { message, cause: error, details: { serviceName: name, agency } }),
      );
    }
    const context = requestContextOf(options);
    if (context) this.recordReads(context, response);
    return response;
  }

  /** Keeps what the subgraph reports it read, for the access journal, and never passes it on. */
  protected recordReads(context: GatewayContext, response: GatewayGraphQLResponse): void {
    const reads = response.extensions?.[READS_EXTENSION];
    if (response.extensions) delete response.extensions[READS_EXTENSION];
    if (!Array.isArray(reads)) return;
    for (const read of reads as Array<{ person?: unknown; sections?: unknown }>) {
      if (typeof read.person === 'string' && Array.isArray(read.sections)) {
        context.reads.record(read.person, read.sections.filter((s): s is string => typeof s === 'string'));
      }
    }
  }
}
