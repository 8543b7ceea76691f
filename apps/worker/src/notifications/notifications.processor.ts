import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { DeliveryService, JobName, JobPayloads, QueueName } from '@brobygge/notifications';

type Handlers = { [N in JobName]?: (data: JobPayloads[N]) => Promise<unknown> };

/** The notifications queue: thin — load the row, call the service. */
@Processor(QueueName.Notifications, { concurrency: 20 })
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);
  readonly handlers: Handlers;

  constructor(private readonly delivery: DeliveryService) {
    super();
    this.handlers = {
      [JobName.DeliverNotification]: (data) => this.delivery.deliver(data.outboxId),
    };
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler(job.data);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade, final, err: error.message }, 'job failed');
    if (final && job.name === JobName.DeliverNotification) {
      await this.delivery.markFailed((job.data as JobPayloads[JobName.DeliverNotification]).outboxId, error.message);
    }
  }

  private lastConnectionError = 0;

  /** While Redis is away the worker reports each reconnect; one warning per 10 s is enough. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionError < 10_000) return;
    this.lastConnectionError = Date.now();
    this.logger.warn({ err: error.message }, 'worker connection problem; jobs wait in Redis and rows in the outbox');
  }
}
