import type { FastifyInstance } from 'fastify';
import type { VerificationKey } from '../../common/internal-token.ts';
import type { Lifecycle } from '../../common/lifecycle.ts';
import type { Telemetry } from '../../common/observability/telemetry.ts';
import { readSubgraphSdl } from '../../schemas/subgraphs.ts';
import { DateScalar } from '../shared/scalars.ts';
import { buildSubgraph } from '../shared/server.ts';
import { resolveMe, toIdentity, type IdentityContext } from './resolvers.ts';

export interface IdentitySubgraphOptions {
  tokenKey: VerificationKey;
  personIdKey: string;
  telemetry?: Telemetry;
  lifecycle?: Lifecycle;
}

/** The identity subgraph: owns `Person`, `me` and the internal identity pivot. */
export async function build(options: IdentitySubgraphOptions): Promise<FastifyInstance> {
  return buildSubgraph<IdentityContext>({
    name: 'identity',
    sdl: await readSubgraphSdl('identity'),
    tokenKey: options.tokenKey,
    telemetry: options.telemetry,
    lifecycle: options.lifecycle,
    createContext: (token) => ({ token }),
    resolvers: {
      Date: DateScalar,
      Query: {
        me: (_root, _args, context: IdentityContext) => resolveMe(context.token, options.personIdKey),
      },
      Person: {
        // Other subgraphs only reference the signed-in person for now; anyone else is refused.
        __resolveReference: (reference: { id: string }, context: IdentityContext) => {
          const me = resolveMe(context.token, options.personIdKey);
          if (me.id !== reference.id) throw new Error('unknown person reference');
          return me;
        },
        identity: toIdentity,
      },
    },
  });
}
