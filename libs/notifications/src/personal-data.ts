import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { Notification } from './notification.entity';
import { notificationsQueries } from './notifications.queries';
import { OutboxMessage } from './outbox-message.entity';

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
      await notificationsQueries.eraseRecipient(m, person.id, person.email);
    },
  },
};
