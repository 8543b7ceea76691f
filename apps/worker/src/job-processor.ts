import { Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { JobName, JobPayloads } from '@brobygge/notifications';

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
    try {
      return await handler(job.data);
    } finally {
      this.running.delete(job);
    }
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
