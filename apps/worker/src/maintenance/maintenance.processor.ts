import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DigestService, MatchesService } from '@brobygge/collaboration';
import { JobName, JobPayloads, QueueName } from '@brobygge/notifications';
import { Jobs } from '../jobs';

type Handlers = { [N in JobName]?: (data: JobPayloads[N]) => Promise<unknown> };

/** Periodic work: thin — call the service, which claims rows with SKIP LOCKED. */
@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  readonly handlers: Handlers;

  constructor(
    private readonly matches: MatchesService,
    private readonly digests: DigestService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.handlers = {
      [JobName.CompleteEndedMatches]: async () => {
        let total = 0;
        for (let n = await this.matches.completeEnded(); n > 0; n = await this.matches.completeEnded()) total += n;
        if (total) this.logger.log({ completed: total }, 'ended matches completed');
        return total;
      },
      [JobName.SendDigests]: async () => {
        const sent = await this.digests.sendDue();
        if (sent) this.logger.log({ sent }, 'digests written');
        return sent;
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (process.argv.includes('--check')) return;
    await this.jobs.every(JobName.CompleteEndedMatches, this.config.MATCH_SWEEP_SECONDS, {});
    await this.jobs.every(JobName.SendDigests, this.config.DIGEST_SWEEP_SECONDS, {});
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    return handler(job.data);
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
