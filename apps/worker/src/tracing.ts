/**
 * The first import of main.ts: OpenTelemetry must patch pg and ioredis before they load.
 * Does nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
import { startTracing } from '@brobygge/config';

startTracing('brobygge-worker');
