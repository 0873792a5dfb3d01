import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Agent, fetch as undiciFetch } from 'undici';
import type { InternalClaims } from '../../common/internal-token.ts';
import type { InternalTokenMinter } from './internal-tokens.ts';
import { errorName } from '../../common/error-shape.ts';
import { READS_EXTENSION } from '../../subgraphs/shared/read-log.ts';
import { AccessLog, type GatewayContext } from './context.ts';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  /** The agency the subgraph reads, named in its errors. */
  agency: string | null;
  timeoutMs: number;
  dispatcher: Agent;
  tokens: InternalTokenMinter;
}

/** The request's context; none for the gateway's own calls (health checks, schema loading). */
export function requestContextOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): GatewayContext | undefined {
  return 'incomingRequestContext' in options ? options.context : undefined;
}

const anonymous: GatewayContext = { claims: { actor: { kind: 'anonymous' }, grants: {} }, claimsKey: 'anonymous', reads: new AccessLog() };

/**
 * How the gateway calls one subgraph: over a keep-alive undici pool, within a time budget,
 * carrying only an internal token minted for that subgraph. Nothing from the incoming
 * request (cookies, FranceConnect or third-party tokens) is forwarded. A subgraph that fails
 * becomes one coded error naming it, so the other sections of the answer still arrive.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  protected readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    const fetcher = ((input: string, init: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, { ...init, dispatcher: options.dispatcher, signal: AbortSignal.timeout(options.timeoutMs) })) as unknown as Fetcher;
    super({ url: options.url, fetcher });
    this.options = options;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { name, tokens } = this.options;
    const [claims, claimsKey] = this.claimsFor(requestContextOf(options) ?? anonymous, options.request);
    const token = await tokens.tokenFor(name, claims, claimsKey);
    options.request.http?.headers.set('authorization', `Bearer ${token}`);
  }

  /**
   * Platform subgraphs get the signed-in citizen's identity: agency subgraphs need the pivot to
   * find their file when the citizen acts (mutations have no @requires). Modules never do.
   */
  protected claimsFor(context: GatewayContext, _request: GatewayGraphQLRequest): [InternalClaims, string] {
    if (context.claims.actor.kind === 'citizen') return [context.claims, context.claimsKey];
    return [{ ...context.claims, identity: undefined }, context.claimsKey];
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    let response: GatewayGraphQLResponse;
    try {
      response = await super.process(options);
    } catch (error) {
      const { name, agency, timeoutMs } = this.options;
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
