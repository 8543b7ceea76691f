import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InvalidInputError, isUuid, Page } from '@brobygge/core';
import { newestFirstPage } from '@brobygge/database';
import { Notification } from './notification.entity';

/** The signed-in user's own in-app notifications: newest first, and marking them read. */
@Injectable()
export class InAppNotifications {
  constructor(private readonly dataSource: DataSource) {}

  async list(userId: string, unreadOnly: boolean, first?: number | null, after?: string | null): Promise<Page<Notification>> {
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return newestFirstPage(qb, first, after);
  }

  /** Marks the user's own notifications read; others' ids are ignored. Returns how many changed. */
  async markRead(userId: string, ids: readonly string[]): Promise<number> {
    if (ids.length > 1000) throw new InvalidInputError('ids', 'At most 1000 ids at a time.');
    const bad = ids.find((id) => !isUuid(id));
    if (bad !== undefined) throw new InvalidInputError('ids', `"${bad}" is not a notification id.`);
    if (ids.length === 0) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND id = ANY(:ids::uuid[]) AND read_at IS NULL', { userId, ids: [...ids] })
      .execute();
    return result.affected ?? 0;
  }
}
