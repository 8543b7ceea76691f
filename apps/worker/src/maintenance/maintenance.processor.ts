import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { Handlers, JobProcessor } from '../job-processor';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DigestService, LapsingService, MatchSweeps } from '@brobygge/collaboration';
import { FollowUps } from '@brobygge/followup';
import { JobName, QueueName } from '@brobygge/notifications';
import { Jobs } from '../jobs';

/** Periodic work: thin — call the service, which claims rows with SKIP LOCKED. */
@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends JobProcessor implements OnApplicationBootstrap {
  protected readonly logger = new Logger(MaintenanceProcessor.name);
  readonly handlers: Handlers;

  constructor(
    private readonly matches: MatchSweeps,
    private readonly digests: DigestService,
    private readonly lapsing: LapsingService,
    private readonly followUps: FollowUps,
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
      [JobName.LapseItems]: async () => {
        const lapsed = await this.lapsing.lapseDue();
        if (lapsed.requests + lapsed.offers + lapsed.proposals) this.logger.log(lapsed, 'lapsed requests closed, offers archived, proposals cancelled');
        return lapsed;
      },
      [JobName.SendDigests]: async () => {
        const sent = await this.digests.sendDue();
        if (sent) this.logger.log({ sent }, 'digests written');
        return sent;
      },
      [JobName.ProduceFollowUps]: async () => {
        const produced = await this.followUps.produceDue();
        if (produced) this.logger.log({ produced }, 'half-year follow-ups produced');
        return produced;
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (process.argv.includes('--check')) return;
    await this.jobs.every(JobName.CompleteEndedMatches, this.config.MATCH_SWEEP_SECONDS, {});
    await this.jobs.every(JobName.SendDigests, this.config.DIGEST_SWEEP_SECONDS, {});
    await this.jobs.every(JobName.LapseItems, this.config.LAPSE_SWEEP_SECONDS, {});
    await this.jobs.every(JobName.ProduceFollowUps, this.config.FOLLOW_UP_CHECK_SECONDS, {});
  }
}
