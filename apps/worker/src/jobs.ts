import { Inject, Injectable } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName } from '@brobygge/notifications';

/** The typed way to add jobs: a job name, its payload type, its options from one table. */
@Injectable()
export class Jobs {
  constructor(@Inject(getQueueToken(QueueName.Notifications)) private readonly notifications: Queue) {}

  private queue(name: JobName): Queue {
    switch (JOB_QUEUE[name]) {
      case QueueName.Notifications:
        return this.notifications;
    }
  }

  /** Adds jobs whose id is the id of the row they carry, so that a re-add is a no-op. */
  async addBulk<N extends JobName>(name: N, items: Array<{ id: string; data: JobPayloads[N] }>): Promise<void> {
    await this.queue(name).addBulk(
      items.map((item) => ({ name, data: item.data, opts: { ...JOB_OPTIONS[name], jobId: item.id } })),
    );
  }
}
