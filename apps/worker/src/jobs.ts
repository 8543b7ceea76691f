import { Inject, Injectable, Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DeliveryJobState, JOB_QUEUE, JobName, JobPayloads, jobOptions, OutboxQueue, QueueName } from '@brobygge/notifications';

/** BullMQ states in which a job will still run (or runs now). */
const ALIVE = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** The typed way to add jobs: a job name, its payload type, its options from one table. */
@Injectable()
export class Jobs implements OutboxQueue {
  private readonly logger = new Logger(Jobs.name);
  private lastError = 0;

  constructor(
    @Inject(getQueueToken(QueueName.Notifications)) private readonly notifications: Queue,
    @Inject(getQueueToken(QueueName.Maintenance)) private readonly maintenance: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** The queues this process adds to (for shutdown). */
  get queues(): Queue[] {
    return [this.notifications, this.maintenance];
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
    await this.queue(name).upsertJobScheduler(name, { every: seconds * 1000 }, { name, data, opts: jobOptions(name, this.config) });
  }

  /** Adds jobs whose id is the id of the row they carry, so that a re-add is a no-op. */
  async addBulk<N extends JobName>(name: N, items: Array<{ id: string; data: JobPayloads[N] }>): Promise<void> {
    await this.queue(name).addBulk(items.map((item) => ({ name, data: item.data, opts: { ...jobOptions(name, this.config), jobId: item.id } })));
  }

  async enqueueDeliveries(ids: string[], again: ReadonlySet<string>): Promise<void> {
    const queue = this.queue(JobName.DeliverNotification);
    await Promise.all(
      ids
        .filter((id) => again.has(id))
        .map(async (id) => {
          const state = await queue.getJobState(id);
          // A failed or completed job would make the add below a no-op: remove it first.
          if (state === 'failed' || state === 'completed') await queue.remove(id);
        }),
    );
    await this.addBulk(
      JobName.DeliverNotification,
      ids.map((id) => ({ id, data: { outboxId: id } })),
    );
  }

  async deliveryStates(ids: string[]): Promise<Map<string, DeliveryJobState>> {
    const queue = this.queue(JobName.DeliverNotification);
    const states = await Promise.all(
      ids.map(async (id): Promise<[string, DeliveryJobState]> => {
        const state = await queue.getJobState(id);
        if (ALIVE.has(state)) return [id, { state: 'alive' }];
        if (state === 'failed') {
          const job = await queue.getJob(id);
          return [id, { state: 'failed', reason: job?.failedReason || 'failed in the queue' }];
        }
        return [id, { state: 'gone' }];
      }),
    );
    return new Map(states);
  }
}
