import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { Handlers, JobProcessor } from '../job-processor';
import { DeliveryService, JobName, JobPayloads, QueueName } from '@brobygge/notifications';

/** The notifications queue: thin — load the row, call the service. */
@Processor(QueueName.Notifications, { concurrency: 20 })
export class NotificationsProcessor extends JobProcessor {
  protected readonly logger = new Logger(NotificationsProcessor.name);
  readonly handlers: Handlers;

  constructor(private readonly delivery: DeliveryService) {
    super();
    this.handlers = {
      [JobName.DeliverNotification]: (data) => this.delivery.deliver(data.outboxId),
    };
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
}
