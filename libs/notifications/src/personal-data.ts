import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { Notification } from './notification.entity';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';

/**
 * Notifications' part of the GDPR rights. A person's in-app notifications are theirs only:
 * exported, and deleted on erasure. The outbox rows addressed to them (by account or, for
 * invitations, by address) are the delivery log: exported without their content, and on
 * erasure they lose the address and the content, and any not yet sent is skipped.
 */
export const notificationsPersonalData: Record<string, PersonalDataContributor> = {
  notifications: {
    export: (m: EntityManager, person: PersonRef) =>
      m.getRepository(Notification).find({
        where: { userId: person.id },
        select: { id: true, type: true, title: true, body: true, link: true, createdAt: true, readAt: true },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.getRepository(Notification).delete({ userId: person.id });
    },
  },
  messages: {
    export: (m: EntityManager, person: PersonRef) =>
      m.getRepository(OutboxMessage).find({
        where: person.email ? [{ recipientUserId: person.id }, { recipientEmail: person.email }] : { recipientUserId: person.id },
        select: { id: true, type: true, locale: true, status: true, createdAt: true, sentAt: true },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.query(
        `UPDATE outbox_message
            SET recipient_email = NULL, payload = '{}'::jsonb,
                status = CASE WHEN status IN ($3, $4, $5) THEN $6 ELSE status END,
                last_error = CASE WHEN status IN ($3, $4, $5) THEN 'skipped: the recipient erased their account' ELSE last_error END
          WHERE recipient_user_id = $1 OR ($2::varchar IS NOT NULL AND recipient_email = $2)`,
        [person.id, person.email, OutboxStatus.PENDING, OutboxStatus.ENQUEUED, OutboxStatus.FAILED, OutboxStatus.SKIPPED],
      );
    },
  },
};
