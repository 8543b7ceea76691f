import { Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, JobPayloads } from '@brobygge/notifications';

export type Handlers = { [N in JobName]?: (data: JobPayloads[N]) => Promise<unknown> };

/**
 * What every queue's processor shares: a table of handlers by job name (checked at
 * start-up, startup-check.ts), dispatch, and one warning per 10 s while Redis is away.
 */
export abstract class JobProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;
  abstract readonly handlers: Handlers;
  private lastConnectionError = 0;

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler(job.data);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionError < 10_000) return;
    this.lastConnectionError = Date.now();
    this.logger.warn({ err: error.message }, 'worker connection problem; jobs wait in Redis and rows in the outbox');
  }
}
