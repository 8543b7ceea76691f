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

/** Writes outbox rows inside the caller's transaction, and skips pending ones that are no longer wanted. */
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

  /**
   * Marks the PENDING rows of `type` whose payload has `payloadKey` = `value` as SKIPPED
   * (e.g. a match's reminders once it was moved or cancelled), in the caller's
   * transaction. Rows already handed to the queue are left to the delivery guards.
   */
  async skipPending(manager: EntityManager, type: string, payloadKey: string, value: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET status = $4, last_error = $5
        WHERE type = $1 AND status = $6 AND payload->>$2 = $3`,
      [type, payloadKey, value, OutboxStatus.SKIPPED, `skipped: ${reason}`.slice(0, 2000), OutboxStatus.PENDING],
    );
  }

  /**
   * Erasure: the inviter's name leaves the invitation e-mails of these invitations. Rows
   * written before payloads carried `invitationId` are found by the transaction time and
   * address they share with their invitation.
   */
  async forgetInviter(manager: EntityManager, invitations: ReadonlyArray<{ id: string; createdAt: string; email: string | null }>): Promise<void> {
    if (invitations.length === 0) return;
    await manager.query(
      `UPDATE outbox_message o SET payload = o.payload - 'inviterName'
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS i(id, created_at, email)
        WHERE o.type = 'invitation' AND o.payload->>'inviterName' IS NOT NULL
          AND (o.payload->>'invitationId' = i.id::text
               OR (o.payload->>'invitationId' IS NULL AND o.created_at = i.created_at AND o.recipient_email IS NOT DISTINCT FROM i.email))`,
      [invitations.map((i) => i.id), invitations.map((i) => i.createdAt), invitations.map((i) => i.email)],
    );
  }
}
