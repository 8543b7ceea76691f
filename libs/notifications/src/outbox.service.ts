import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Locale } from '@brobygge/core';
import { ATTACHMENTS_KEY, checkAttachments, MailAttachment } from './attachments';
import { notificationsQueries } from './notifications.queries';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

export interface NewNotification {
  type: string;
  recipientUserId?: string | null;
  recipientEmail?: string | null;
  locale: Locale;
  payload?: Record<string, unknown>;
  sendEmail?: boolean;
  availableAt?: Date;
  /** Files for the e-mail (at most MAX_ATTACHMENT_BYTES together), kept in the payload until sent. */
  attachments?: MailAttachment[];
}

/** Writes outbox rows inside the caller's transaction, and skips pending ones that are no longer wanted. */
@Injectable()
export class OutboxService {
  async add(manager: EntityManager, notifications: NewNotification[]): Promise<OutboxMessage[]> {
    if (notifications.length === 0) return [];
    for (const n of notifications) if (n.attachments?.length) checkAttachments(n.attachments);
    const rows = notifications.map((n) =>
      manager.create(OutboxMessage, {
        id: randomUUID(),
        type: n.type,
        recipientUserId: n.recipientUserId ?? null,
        recipientEmail: n.recipientEmail ?? null,
        locale: n.locale,
        payload: n.attachments?.length ? { ...n.payload, [ATTACHMENTS_KEY]: n.attachments } : (n.payload ?? {}),
        sendEmail: n.sendEmail ?? true,
        status: OutboxStatus.PENDING,
        availableAt: n.availableAt ?? new Date(),
      }),
    );
    await manager.insert(OutboxMessage, rows as QueryDeepPartialEntity<OutboxMessage>[]);
    return rows;
  }

  /**
   * Marks the PENDING rows of `type` whose payload has `payloadKey` = `value` as SKIPPED
   * (e.g. a match's reminders once it was moved or cancelled), in the caller's
   * transaction. Rows already handed to the queue are left to the delivery guards.
   */
  async skipPending(manager: EntityManager, type: string, payloadKey: string, value: string, reason: string): Promise<void> {
    await notificationsQueries.skipPending(manager, type, payloadKey, value, `skipped: ${reason}`.slice(0, 2000));
  }

  /**
   * Erasure: the inviter's name leaves the invitation e-mails of these invitations. Rows
   * written before payloads carried `invitationId` are found by the transaction time and
   * address they share with their invitation.
   */
  async forgetInviter(manager: EntityManager, invitations: ReadonlyArray<{ id: string; createdAt: string; email: string | null }>): Promise<void> {
    if (invitations.length === 0) return;
    await notificationsQueries.forgetInviter(manager, invitations);
  }
}
