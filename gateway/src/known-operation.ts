import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A request naming an operation its document does not hold is the client's mistake: 400, as
 * graphql-js answers it. Left to Apollo's gateway, its query planner throws, which Apollo
 * Server answers 500.
 */
export function requireKnownOperation<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new GraphQLError(request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide an operation.', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        },
      };
    },
  };
}
