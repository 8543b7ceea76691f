import { Inject, Injectable, Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName } from '@brobygge/notifications';

/** The typed way to add jobs: a job name, its payload type, its options from one table. */
@Injectable()
export class Jobs {
  private readonly logger = new Logger(Jobs.name);
  private lastError = 0;

  constructor(
    @Inject(getQueueToken(QueueName.Notifications)) private readonly notifications: Queue,
    @Inject(getQueueToken(QueueName.Maintenance)) private readonly maintenance: Queue,
  ) {
    // While Redis is away the queues report every reconnect; log it (at most every 10 s),
    // instead of letting BullMQ print stacks. The outbox keeps the work meanwhile.
    for (const queue of [notifications, maintenance]) {
      queue.on('error', (err) => {
        if (Date.now() - this.lastError < 10_000) return;
        this.lastError = Date.now();
        this.logger.warn({ queue: queue.name, err: err.message }, 'queue connection problem; the outbox keeps notifications until Redis is back');
      });
    }
  }

  private queue(name: JobName): Queue {
    switch (JOB_QUEUE[name]) {
      case QueueName.Notifications:
        return this.notifications;
      case QueueName.Maintenance:
        return this.maintenance;
    }
  }

  /**
   * A job that repeats every `seconds`. BullMQ keeps one scheduler per id in Redis, so
   * however many workers start, each period runs once.
   */
  async every<N extends JobName>(name: N, seconds: number, data: JobPayloads[N]): Promise<void> {
    await this.queue(name).upsertJobScheduler(name, { every: seconds * 1000 }, { name, data, opts: JOB_OPTIONS[name] });
  }

  /** Adds jobs whose id is the id of the row they carry, so that a re-add is a no-op. */
  async addBulk<N extends JobName>(name: N, items: Array<{ id: string; data: JobPayloads[N] }>): Promise<void> {
    await this.queue(name).addBulk(
      items.map((item) => ({ name, data: item.data, opts: { ...JOB_OPTIONS[name], jobId: item.id } })),
    );
  }
}
