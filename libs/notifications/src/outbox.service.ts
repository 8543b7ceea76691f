import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Locale } from '@brobygge/core';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

export interface NewNotification {
  type: string;
  recipientUserId?: string | null;
  recipientEmail?: string | null;
  locale: Locale;
  payload?: Record<string, unknown>;
  sendEmail?: boolean;
  availableAt?: Date;
}

/** Writes outbox rows inside the caller's transaction. */
@Injectable()
export class OutboxService {
  async add(manager: EntityManager, notifications: NewNotification[]): Promise<OutboxMessage[]> {
    if (notifications.length === 0) return [];
    const rows = notifications.map((n) =>
      manager.create(OutboxMessage, {
        id: randomUUID(),
        type: n.type,
        recipientUserId: n.recipientUserId ?? null,
        recipientEmail: n.recipientEmail ?? null,
        locale: n.locale,
        payload: n.payload ?? {},
        sendEmail: n.sendEmail ?? true,
        status: OutboxStatus.PENDING,
        availableAt: n.availableAt ?? new Date(),
      }),
    );
    await manager.insert(OutboxMessage, rows as QueryDeepPartialEntity<OutboxMessage>[]);
    return rows;
  }
}
