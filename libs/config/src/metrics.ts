import { createServer, Server } from 'node:http';
import { collectDefaultMetrics, Counter, CounterConfiguration, Gauge, GaugeConfiguration, Histogram, HistogramConfiguration, Registry } from 'prom-client';

/**
 * The process's Prometheus registry (docs/operations.md, "Metrics"). Metrics are made with
 * the helpers below, which return the one already registered under a name, so that a module
 * loaded twice (or a test app built twice in one process) does not fail.
 */
export const metricsRegistry = new Registry();

function existing<T>(name: string): T | undefined {
  return metricsRegistry.getSingleMetric(name) as T | undefined;
}

export function counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
  return existing<Counter<L>>(config.name) ?? new Counter<L>({ ...config, registers: [metricsRegistry] });
}

export function histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
  return existing<Histogram<L>>(config.name) ?? new Histogram<L>({ ...config, registers: [metricsRegistry] });
}

/** A gauge, usually with a `collect` that reads its values when Prometheus scrapes. */
export function gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
  return existing<Gauge<L>>(config.name) ?? new Gauge<L>({ ...config, registers: [metricsRegistry] });
}

/**
 * A label value from a set that the client chooses (GraphQL operation names): the first
 * `max` distinct values are kept, later ones become "other", so that a client cannot make
 * the series without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  value(given: string): string {
    if (this.seen.has(given)) return given;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(given);
    return given;
  }
}

let defaultsCollected = false;

/**
 * Serves GET /metrics on its own port (METRICS_PORT; 0 = off), bound to METRICS_HOST
 * (127.0.0.1 by default, so only the machine's scraper or sidecar reaches it), with
 * prom-client's process metrics. A port already in use is logged, not fatal: the API or
 * worker serves its work without its metrics.
 */
export async function serveMetrics(port: number, host: string, log: { log(message: string): void; error(message: string): void }): Promise<Server | undefined> {
  if (port === 0) return undefined;
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: metricsRegistry });
    defaultsCollected = true;
  }
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    metricsRegistry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e.message}\n`),
    );
  });
  return new Promise((resolve) => {
    server.once('error', (e: Error) => {
      log.error(`metrics not served: cannot listen on ${host}:${port} (${e.message}); set METRICS_PORT to a free port, or 0`);
      resolve(undefined);
    });
    server.listen(port, host, () => {
      server.unref();
      log.log(`metrics on http://${host}:${port}/metrics`);
      resolve(server);
    });
  });
}
