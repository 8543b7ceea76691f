import { context, trace } from '@opentelemetry/api';

let stop: (() => Promise<void>) | undefined;

/** Whether traces are exported: OTEL_EXPORTER_OTLP_ENDPOINT (or its TRACES_ variant) is set, and OTEL_SDK_DISABLED is not true. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise does
 * nothing at all (the SDK is not even loaded, and every span of the API is a no-op). Must
 * run before http, express, graphql, pg and ioredis are loaded: each app's `tracing.ts` is
 * the first import of its main.ts.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (stop || !tracingRequested(env)) return !!stop;
  // Required here, not imported at the top, so that nothing of the SDK loads when tracing is off.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  stop = startSdk(env.OTEL_SERVICE_NAME || serviceName);
  return true;
}

/** Sends the spans still buffered (at shutdown), within `timeoutMs`. */
export async function stopTracing(timeoutMs = 2000): Promise<void> {
  if (!stop) return;
  const done = stop();
  stop = undefined;
  await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
}

/** The trace and span ids of the active span, for log lines (pino `mixin`); empty outside a trace. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return traceFlags & 1 ? { trace_id: traceId, span_id: spanId } : {};
}
