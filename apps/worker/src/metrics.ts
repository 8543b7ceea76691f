import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, gauge, serveMetrics } from '@brobygge/config';
import { registerPoolMetrics } from '@brobygge/database';
import { OutboxBacklog, RelayService } from '@brobygge/notifications';

/** BullMQ states counted for `brobygge_queue_jobs` (completed and failed are kept only as long as the job options say). */
const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children', 'failed', 'completed'] as const;

/** Redis or Postgres is not answering: the scrape still answers, with the values it could read, soon. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise.catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);
}

/**
 * The worker's /metrics (docs/operations.md "Metrics"): besides the job histograms of
 * job-processor.ts, read on each scrape: the queues' depth by state (BullMQ getJobCounts),
 * the outbox backlog (RelayService.backlog, one query) and the pg pool.
 */
export async function serveWorkerMetrics(config: AppConfig, parts: { dataSource: DataSource; relay: RelayService; queues: Queue[] }): Promise<void> {
  const logger = new Logger('Metrics');
  registerPoolMetrics(parts.dataSource);
  gauge<'queue' | 'state'>({
    name: 'brobygge_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read when scraped.',
    labelNames: ['queue', 'state'],
    async collect() {
      for (const queue of parts.queues) {
        const counts = await within(queue.getJobCounts(...STATES), 2000);
        if (!counts) continue;
        for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  // Both outbox gauges come from one query per scrape (prom-client collects them together).
  let backlog: Promise<OutboxBacklog | undefined> | undefined;
  const readBacklog = () => (backlog ??= within(parts.relay.backlog(), 2000).finally(() => setImmediate(() => (backlog = undefined))));
  gauge<'status'>({
    name: 'brobygge_outbox_messages',
    help: 'Outbox rows not yet settled, by status (PENDING, ENQUEUED, FAILED); SENT and SKIPPED are not counted.',
    labelNames: ['status'],
    async collect() {
      const read = await readBacklog();
      if (read) for (const [status, n] of Object.entries(read.counts)) this.set({ status }, n);
    },
  });
  gauge({
    name: 'brobygge_outbox_oldest_pending_age_seconds',
    help: 'How long the oldest due PENDING outbox row has waited for the relay (0: none).',
    async collect() {
      const read = await readBacklog();
      if (read) this.set(read.oldestPendingSeconds);
    },
  });
  await serveMetrics(config.METRICS_PORT ?? 9465, config.METRICS_HOST, logger);
}
