import type { FastifyInstance } from 'fastify';
import type { VerificationKey } from '../../contract/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { DateScalar, DateTimeScalar, EuroCentsScalar } from '../../contract/scalars.ts';
import { buildSubgraph } from '../../common/subgraph/server.ts';
import { personResolvers, type AccountContext } from './resolvers.ts';

export interface AccountSubgraphOptions {
  tokenKey: VerificationKey;
  /** The clock alerts are computed with; tests fix it. */
  now?: () => Date;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

/**
 * The account subgraph: the features across agencies (timeline, inbox, alerts). It calls no
 * agency; the gateway hands it the agency sections it requires.
 */
export async function build(options: AccountSubgraphOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  return buildSubgraph<AccountContext>({
    name: 'account',
    sdl: await readSubgraphSdl('account'),
    tokenKey: options.tokenKey,
    telemetry: options.telemetry,
    lifecycle: options.lifecycle,
    createContext: (base) => ({ ...base, today: now().toISOString().slice(0, 10) }),
    resolvers: {
      Date: DateScalar,
      EuroCents: EuroCentsScalar,
      DateTime: DateTimeScalar,
      Person: personResolvers,
    },
  });
}
