import { Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { counter, histogram } from '@brobygge/config';
import { JobName, JobPayloads } from '@brobygge/notifications';

const jobDuration = histogram<'queue' | 'name' | 'outcome'>({
  name: 'brobygge_job_duration_seconds',
  help: 'How long a job handler ran, by queue, job name and outcome (ok or failed).',
  labelNames: ['queue', 'name', 'outcome'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
});

const jobFailures = counter<'queue' | 'name'>({
  name: 'brobygge_job_failures_total',
  help: 'Job attempts whose handler threw (BullMQ retries the job if it has attempts left).',
  labelNames: ['queue', 'name'],
});

/** Manual spans: the BullMQ instrumentation on npm supports BullMQ up to 5 only (docs/decisions.md "Observability"). */
const tracer = trace.getTracer('brobygge-worker');

export type Handlers = { [N in JobName]?: (data: JobPayloads[N]) => Promise<unknown> };

/**
 * What every queue's processor shares: a table of handlers by job name (checked at
 * start-up, startup-check.ts), dispatch, one warning per 10 s while Redis is away, and the
 * jobs whose handler runs (shutdown waits for them, or gives them back: shutdown.ts).
 */
export abstract class JobProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;
  abstract readonly handlers: Handlers;
  private lastConnectionError = 0;
  /** The jobs whose handler runs now, with the lock token of each. */
  private readonly running = new Map<Job, string | undefined>();

  /** How many handlers are running now. */
  get inFlight(): number {
    return this.running.size;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    this.running.set(job, token);
    const labels = { queue: job.queueName, name: job.name };
    const stop = jobDuration.startTimer(labels);
    // A no-op span unless tracing is on; Postgres and Redis calls of the handler are its children.
    return tracer.startActiveSpan(
      `${job.queueName} ${job.name}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'bullmq',
          'messaging.destination.name': job.queueName,
          'messaging.message.id': job.id ?? '',
          'brobygge.job.attempt': job.attemptsMade + 1,
        },
      },
      async (span) => {
        try {
          const result = await handler(job.data);
          stop({ outcome: 'ok' });
          return result;
        } catch (e) {
          stop({ outcome: 'failed' });
          jobFailures.inc(labels);
          span.recordException(e as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
          throw e;
        } finally {
          span.end();
          this.running.delete(job);
        }
      },
    );
  }

  /**
   * Gives the running jobs back to the queue (active → waiting, lock dropped) so that
   * another worker takes them at once instead of after the lock expires. For shutdown,
   * when a handler does not finish in time; needs Redis.
   */
  async release(): Promise<number> {
    const jobs = [...this.running];
    const released = await Promise.allSettled(jobs.map(([job, token]) => job.moveToWait(token)));
    return released.filter((r) => r.status === 'fulfilled').length;
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionError < 10_000) return;
    this.lastConnectionError = Date.now();
    this.logger.warn({ err: error.message }, 'worker connection problem; jobs wait in Redis and rows in the outbox');
  }
}
