import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Metrics } from './metrics.ts';

/** Counts, times and sorts errors of every GraphQL operation, by operation name (bounded). */
export function operationMetricsPlugin<C extends BaseContext>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const labels = { operation: metrics.operationLabel(operationName), type: operation?.operation ?? 'unknown' };
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
