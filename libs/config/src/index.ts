/** The configuration's public surface: the validated AppConfig, its Nest module, logger settings, URL masking. */
export { APP_CONFIG, ConfigModule } from './config.module';
export { ConfigError, DEFAULT_THROTTLES, describeUrl, loadConfig } from './config';
export type { AppConfig, ThrottledAction } from './config';
export type { FollowUpPeriod } from './follow-up-periods';
export { loggerParams, maskUrl } from './logging';
export { BoundedLabel, counter, gauge, histogram, metricsRegistry, serveMetrics } from './metrics';
export { startTracing, stopTracing, traceFields, tracingRequested } from './tracing';
