import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { withTimeout } from '@brobygge/database';
import { JobName, RelayService } from '@brobygge/notifications';
import { Jobs } from '../jobs';

/**
 * Polls the outbox and hands PENDING rows to BullMQ. While Redis is down the hand-over
 * times out, the transaction rolls back and the rows wait; nothing is lost.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly relay: RelayService,
    private readonly jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.BROBYGGE_RELAY === 'off') return;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: relays until the outbox is empty. Returns how many rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relay.relayBatch((ids) =>
        withTimeout(
          this.jobs.addBulk(JobName.DeliverNotification, ids.map((id) => ({ id, data: { outboxId: id } }))),
          5000,
        ),
      );
      total += moved;
      if (moved === 0) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.config.OUTBOX_POLL_MS));
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      const moved = await this.drain();
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
      if (moved) this.logger.debug({ moved }, 'outbox rows relayed');
    } catch (e) {
      if (!this.failing) this.logger.warn({ err: (e as Error).message }, 'outbox relay failed; rows stay pending');
      this.failing = true;
    }
  }
}
