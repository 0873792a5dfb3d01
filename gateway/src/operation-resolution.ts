import type { ApolloServerPlugin } from '@apollo/server';
import { PlatformError, requestRefusal } from '../../contract/errors.ts';

/**
 * A valid document in which the operation to run cannot be found (an `operationName` it does not
 * hold, or several operations and no name) is the client's mistake: 400 with
 * `OPERATION_RESOLUTION_FAILURE`, as Apollo Server answers without a gateway. Left to the
 * gateway's executor, it would be thrown during execution and answered 500.
 */
export function operationResolution<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          throw requestRefusal(new PlatformError('OPERATION_RESOLUTION_FAILURE', { message }));
        },
      };
    },
  };
}
