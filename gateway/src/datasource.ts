import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, fetch as undiciFetch } from 'undici';
import type { InternalTokenMinter } from './internal-tokens.ts';
import { errorName } from '../../common/error-shape.ts';
import type { GatewayContext } from './context.ts';

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
}

/**
 * How the gateway calls one subgraph: over a keep-alive undici pool, within a time budget,
 * carrying only an internal token minted for that subgraph. Nothing from the incoming
 * request (cookies, FranceConnect tokens) is forwarded. A subgraph that fails becomes one
 * coded error naming it, so the other sections of the answer still arrive.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    const fetcher = ((input: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, { ...init, dispatcher: options.dispatcher, signal: AbortSignal.timeout(options.timeoutMs) })) as unknown as Fetcher;
    super({ url: options.url, fetcher });
    this.#options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { name, tokens, platform } = this.#options;
    // Agency subgraphs need the citizen's pivot to find their file when they act (mutations
    // have no @requires); anything outside the platform, such as modules, never gets it.
    const claims = platform && context.claims.actor.kind === 'citizen' ? context.claims : { ...context.claims, identity: undefined };
    const token = await tokens.tokenFor(name, claims, context.claimsKey);
    request.http?.headers.set('authorization', `Bearer ${token}`);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const { name, agency, timeoutMs } = this.#options;
      const timedOut = ['TimeoutError', 'AbortError'].includes(errorName(error) ?? '');
      return {
        errors: [
          {
            message: timedOut
              ? `The ${name} service did not answer within ${timeoutMs} ms.`
              : `The ${name} service is unavailable.`,
            extensions: { code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', serviceName: name, agency },
          },
        ],
      };
    }
  }
}
