import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { CalendarFeed } from './calendar-feed.entity';

/** Follow-up's part of the GDPR rights: the calendar feed's dates are exported (never its secret); erasure deletes the feed. */
export const followupPersonalData: Record<string, PersonalDataContributor> = {
  calendarFeed: {
    export: async (m: EntityManager, person: PersonRef) => {
      const feed = await m.getRepository(CalendarFeed).findOneBy({ userId: person.id });
      return feed ? { createdAt: feed.createdAt, rotatedAt: feed.rotatedAt } : null;
    },
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.getRepository(CalendarFeed).delete({ userId: person.id });
    },
  },
};
