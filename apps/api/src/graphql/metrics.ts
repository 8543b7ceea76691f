import type { ApolloServerPlugin } from '@apollo/server';
import { BoundedLabel, counter, histogram } from '@brobygge/config';

/** Operation names are the client's choice: the first 200 distinct ones get their own series, later ones "other". */
const operations = new BoundedLabel(200);
const codes = new BoundedLabel(50);

const duration = histogram<'operation'>({
  name: 'brobygge_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its response, by operation name ("anonymous" when it has none).',
  labelNames: ['operation'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const errors = counter<'code'>({
  name: 'brobygge_graphql_errors_total',
  help: 'GraphQL errors sent to clients, by extensions.code.',
  labelNames: ['code'],
});

/**
 * Prometheus metrics of every GraphQL request (docs/operations.md, "Metrics"): its latency
 * by operation name and its errors by code, as formatError made them (so a failure of ours
 * counts as INTERNAL_SERVER_ERROR, a client's mistake under its own code).
 */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse(rc) {
          stop({ operation: operations.value(rc.operationName ?? 'anonymous') });
          const body = rc.response.body;
          const sent = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of sent ?? []) {
            const code = error.extensions?.code;
            errors.inc({ code: codes.value(typeof code === 'string' ? code : 'UNKNOWN') });
          }
        },
      };
    },
  };
}
