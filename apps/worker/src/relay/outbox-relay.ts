import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { withTimeout } from '@brobygge/database';
import { OutboxQueue, RelayService, SweepResult } from '@brobygge/notifications';
import { Jobs } from '../jobs';

/**
 * Polls the outbox and hands PENDING rows to BullMQ. While Redis is down the hand-over
 * times out, the transaction rolls back and the rows wait; nothing is lost. Every so often
 * (half of OUTBOX_STRANDED_SECONDS, at most a minute) it also sweeps rows left ENQUEUED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  private lastSweep = 0;
  /** The queue with a time limit on every call, so that a pass never hangs on Redis. */
  private readonly queue: OutboxQueue;

  constructor(
    private readonly relay: RelayService,
    jobs: Jobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queue = {
      enqueueDeliveries: (ids, again) => withTimeout(jobs.enqueueDeliveries(ids, again), 5000),
      deliveryStates: (ids) => withTimeout(jobs.deliveryStates(ids), 5000),
    };
  }

  onApplicationBootstrap(): void {
    if (process.env.BROBYGGE_RELAY === 'off') return;
    this.schedule(0);
  }

  /** Takes no new pass; waits for the one under way (at most `timeoutMs`). */
  async stop(timeoutMs = Infinity): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.running) return;
    if (timeoutMs === Infinity) await this.running;
    else await withTimeout(this.running, timeoutMs).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** One pass: relays until the outbox is empty. Returns how many rows moved. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const moved = await this.relay.relayBatch(this.queue);
      total += moved;
      if (moved === 0 || this.stopped) return total;
    }
  }

  /** Re-examines rows ENQUEUED for longer than OUTBOX_STRANDED_SECONDS, until none is left. */
  async sweep(): Promise<SweepResult> {
    const total: SweepResult = { requeued: 0, failed: 0, alive: 0 };
    for (;;) {
      const r = await this.relay.sweepStranded(this.queue, this.config.OUTBOX_STRANDED_SECONDS);
      total.requeued += r.requeued;
      total.failed += r.failed;
      total.alive += r.alive;
      if (r.requeued + r.failed + r.alive === 0 || this.stopped) return total;
    }
  }

  private get sweepEveryMs(): number {
    return Math.min(60_000, Math.max(1000, (this.config.OUTBOX_STRANDED_SECONDS * 1000) / 2));
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
      if (moved) this.logger.debug({ moved }, 'outbox rows relayed');
      if (!this.stopped && Date.now() - this.lastSweep >= this.sweepEveryMs) {
        const swept = await this.sweep();
        this.lastSweep = Date.now();
        if (swept.requeued || swept.failed) this.logger.warn(swept, 'stranded outbox rows: enqueued again or marked FAILED');
      }
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
    } catch (e) {
      if (!this.failing) this.logger.warn({ err: (e as Error).message }, 'outbox relay failed; rows stay pending');
      this.failing = true;
    }
  }
}
