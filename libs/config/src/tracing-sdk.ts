import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

/**
 * The OpenTelemetry SDK, loaded only when tracing is on (tracing.ts). Spans go over OTLP/HTTP
 * (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces), in batches (OTEL_BSP_* tune them).
 * Health probes are not traced. Postgres and Redis spans only inside a traced request or job: the relay's polling and
 * BullMQ's blocking reads would otherwise make a trace of their own every half second.
 * No OpenTelemetry metrics or logs: metrics are Prometheus (metrics.ts), logs are pino.
 */
export function startSdk(serviceName: string): () => Promise<void> {
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: new OTLPTraceExporter(),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health') }),
      // Route handlers only: a span for each of the dozen middlewares (helmet, cors, parsers, …) is noise.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  return () => sdk.shutdown();
}
