import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

/** What BullMQ knows of an outbox row's delivery job. */
export type DeliveryJobState =
  /** Waiting, delayed (a retry), active, or otherwise still to run. */
  | { state: 'alive' }
  /** Failed for good: every attempt used, or given up by BullMQ (e.g. stalled too often). */
  | { state: 'failed'; reason: string }
  /** Not in Redis (removed, lost with Redis' data) or completed without the row being SENT. */
  | { state: 'gone' };

/** The queue side of the relay; the worker's `Jobs` implements it. */
export interface OutboxQueue {
  /**
   * Adds one delivery job per row (job id = row id). For the rows in `again` (enqueued
   * before: a re-drive or a stranded row) a finished job with that id is removed first,
   * since BullMQ ignores an add whose id it still holds; a live one is left alone.
   */
  enqueueDeliveries(ids: string[], again: ReadonlySet<string>): Promise<void>;
  deliveryStates(ids: string[]): Promise<Map<string, DeliveryJobState>>;
}

/** The outbox rows still to settle, for /metrics (the worker's collectors). */
export interface OutboxBacklog {
  /** Rows by status; SENT and SKIPPED, which only grow, are not counted. */
  counts: Record<OutboxStatus.PENDING | OutboxStatus.ENQUEUED | OutboxStatus.FAILED, number>;
  /** How long the oldest PENDING row that is due (available_at passed) has waited, in seconds; 0 if none. */
  oldestPendingSeconds: number;
}

export interface SweepResult {
  /** Rows whose job was gone: enqueued again. */
  requeued: number;
  /** Rows whose job had failed for good but that were still ENQUEUED: now FAILED. */
  failed: number;
  /** Rows whose job is still in the queue (a long backoff): checked again later. */
  alive: number;
}

/**
 * Moves PENDING outbox rows to the queue. Rows are locked (SKIP LOCKED, so several
 * workers share the work) and marked ENQUEUED in the same transaction as the hand-over:
 * if the queue is unreachable the transaction rolls back and the rows stay PENDING.
 * The sweeper looks again at rows ENQUEUED for long, so that none is left behind when
 * Redis lost its job or the worker could not record the final failure.
 */
@Injectable()
export class RelayService {
  constructor(private readonly dataSource: DataSource) {}

  async relayBatch(queue: OutboxQueue, limit = 200): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; again: boolean }> = await manager
        .createQueryBuilder(OutboxMessage, 'o')
        .select('o.id', 'id')
        .addSelect('"o"."enqueued_at" IS NOT NULL', 'again')
        .where('o.status = :pending', { pending: OutboxStatus.PENDING })
        .andWhere('o.available_at <= now()')
        .orderBy('o.available_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getRawMany();
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await queue.enqueueDeliveries(ids, new Set(rows.filter((r) => r.again).map((r) => r.id)));
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: OutboxStatus.ENQUEUED, enqueuedAt: () => 'now()' })
        .whereInIds(ids)
        .execute();
      return ids.length;
    });
  }

  /**
   * The backlog in one query on the status index: the unsettled rows by status and the age
   * of the oldest due PENDING row (the relay's lag; a delayed reminder is not late before
   * its time).
   */
  async backlog(): Promise<OutboxBacklog> {
    const rows: Array<{ status: OutboxStatus; n: number; oldest: number | null }> = await this.dataSource
      .createQueryBuilder(OutboxMessage, 'o')
      .select('o.status', 'status')
      .addSelect('count(*)::int', 'n')
      .addSelect(`extract(epoch from now() - min("o"."available_at") filter (where "o"."available_at" <= now()))::float8`, 'oldest')
      .where('o.status IN (:...statuses)', { statuses: [OutboxStatus.PENDING, OutboxStatus.ENQUEUED, OutboxStatus.FAILED] })
      .groupBy('o.status')
      .getRawMany();
    const result: OutboxBacklog = { counts: { PENDING: 0, ENQUEUED: 0, FAILED: 0 }, oldestPendingSeconds: 0 };
    for (const row of rows) {
      result.counts[row.status as keyof OutboxBacklog['counts']] = Number(row.n);
      if (row.status === OutboxStatus.PENDING) result.oldestPendingSeconds = Math.max(0, Number(row.oldest ?? 0));
    }
    return result;
  }

  /**
   * Rows ENQUEUED for more than `olderThanSeconds` (since they were enqueued or last seen
   * in the queue): a live job is fine (the row is stamped as seen), a job that is gone is
   * added again, a job that failed for good makes the row FAILED (what the worker would
   * have written had Postgres answered). Locked like the relay's rows, so each stranded
   * row is put back once however many workers sweep.
   */
  async sweepStranded(queue: OutboxQueue, olderThanSeconds: number, limit = 200): Promise<SweepResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager
        .createQueryBuilder(OutboxMessage, 'o')
        .select('o.id', 'id')
        .where('o.status = :enqueued', { enqueued: OutboxStatus.ENQUEUED })
        .andWhere(`"o"."enqueued_at" < now() - make_interval(secs => :seconds)`, { seconds: olderThanSeconds })
        .orderBy('o.enqueued_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getRawMany();
      const result: SweepResult = { requeued: 0, failed: 0, alive: 0 };
      if (rows.length === 0) return result;
      const states = await queue.deliveryStates(rows.map((r) => r.id));
      const seen: string[] = [];
      const gone: string[] = [];
      for (const { id } of rows) {
        const job = states.get(id) ?? { state: 'gone' };
        if (job.state === 'alive') seen.push(id);
        else if (job.state === 'gone') gone.push(id);
        else {
          await manager.update(OutboxMessage, { id }, { status: OutboxStatus.FAILED, lastError: job.reason.slice(0, 2000) });
          result.failed++;
        }
      }
      if (gone.length) await queue.enqueueDeliveries(gone, new Set(gone));
      const stamped = [...seen, ...gone];
      if (stamped.length) {
        await manager
          .createQueryBuilder()
          .update(OutboxMessage)
          .set({ enqueuedAt: () => 'now()' })
          .whereInIds(stamped)
          .execute();
      }
      result.requeued = gone.length;
      result.alive = seen.length;
      return result;
    });
  }
}
