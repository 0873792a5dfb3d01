import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Metrics } from './metrics.ts';

/**
 * Counts, times and sorts errors of every GraphQL operation, by operation name (bounded): only
 * the `knownOperations` get a label of their own when they are given (the gateway's persisted
 * operations, in every mode), so a client's own names never grow the metrics.
 */
export function operationMetricsPlugin<C extends BaseContext>(metrics: Metrics, options: { knownOperations?: ReadonlySet<string> } = {}): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const labels = { operation: metrics.operationLabel(operationName, options.knownOperations), type: operation?.operation ?? 'unknown' };
          metrics.operations.inc(labels);
          metrics.operationDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          // Request errors (parse, validation) are in the answer too, formatted like the others.
          const answered = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const { extensions } of answered) {
            const code = typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
            metrics.operationErrors.inc({ operation: labels.operation, code });
          }
        },
      };
    },
  };
}
