import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

/**
 * Moves PENDING outbox rows to the queue. Rows are locked (SKIP LOCKED, so several
 * workers share the work) and marked ENQUEUED in the same transaction as the hand-over:
 * if the queue is unreachable the transaction rolls back and the rows stay PENDING.
 */
@Injectable()
export class RelayService {
  constructor(private readonly dataSource: DataSource) {}

  async relayBatch(enqueue: (ids: string[]) => Promise<void>, limit = 200): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string }> = await manager
        .createQueryBuilder(OutboxMessage, 'o')
        .select('o.id', 'id')
        .where('o.status = :pending', { pending: OutboxStatus.PENDING })
        .andWhere('o.available_at <= now()')
        .orderBy('o.available_at', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getRawMany();
      if (rows.length === 0) return 0;
      const ids = rows.map((r) => r.id);
      await enqueue(ids);
      await manager
        .createQueryBuilder()
        .update(OutboxMessage)
        .set({ status: OutboxStatus.ENQUEUED, enqueuedAt: () => 'now()' })
        .whereInIds(ids)
        .execute();
      return ids.length;
    });
  }
}
