import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { Handlers, JobProcessor } from '../job-processor';
import { backoffStrategy, DeliveryService, JobName, JobPayloads, QueueName } from '@brobygge/notifications';

/** The notifications queue: thin — load the row, call the service. */
@Processor(QueueName.Notifications, { concurrency: 20, settings: { backoffStrategy } })
export class NotificationsProcessor extends JobProcessor {
  protected readonly logger = new Logger(NotificationsProcessor.name);
  readonly handlers: Handlers;

  constructor(private readonly delivery: DeliveryService) {
    super();
    this.handlers = {
      [JobName.DeliverNotification]: (data) => this.delivery.deliver(data.outboxId),
    };
  }

  /**
   * After the last attempt the row becomes FAILED. If that cannot be written (Postgres
   * away), the row stays ENQUEUED and the relay's sweeper writes it later from the failed
   * job; the error must not escape (an unhandled rejection would end the process).
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade, final, err: error.message }, 'job failed');
    if (final && job.name === JobName.DeliverNotification) {
      const { outboxId } = job.data as JobPayloads[JobName.DeliverNotification];
      try {
        await this.delivery.markFailed(outboxId, error.message);
      } catch (e) {
        this.logger.error({ outboxId, err: (e as Error).message }, 'could not mark the notification FAILED; the outbox sweeper will');
      }
    }
  }
}
