import type { FastifyInstance } from 'fastify';
import type { CryptoKey, KeyObject } from 'jose';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { DateScalar, DateTimeScalar, EuroCentsScalar } from '../shared/scalars.ts';
import { buildSubgraph } from '../shared/server.ts';
import { personResolvers, type AccountContext } from './resolvers.ts';

export interface AccountSubgraphOptions {
  tokenKey: CryptoKey | KeyObject;
  /** The clock alerts are computed with; tests fix it. */
  now?: () => Date;
  logger?: boolean;
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
    logger: options.logger,
    createContext: (base) => ({ ...base, today: now().toISOString().slice(0, 10) }),
    resolvers: {
      Date: DateScalar,
      EuroCents: EuroCentsScalar,
      DateTime: DateTimeScalar,
      Person: personResolvers,
    },
  });
}
