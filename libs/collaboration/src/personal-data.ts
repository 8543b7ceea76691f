import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { collaborationQueries } from './collaboration.queries';
import { conversationQueries } from './conversation.queries';
import { Feedback } from './feedback.entity';
import { outreachQueries } from './outreach.queries';
import { placementQueries } from './placements';

/**
 * Collaboration's part of the GDPR rights. Matches, their history and feedback are the
 * organisations' records: erasure keeps them and takes the person out — the proposer of a
 * match, the actor of a history entry (its comment stays, with no author), the giver of
 * feedback. Nothing here touches `updated_at` or a match's `sequence`: the collaboration
 * itself did not change.
 */
export const collaborationPersonalData: Record<string, PersonalDataContributor> = {
  matchesProposed: {
    export: (m: EntityManager, person: PersonRef) => collaborationQueries.matchesProposedBy(m, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await collaborationQueries.forgetProposer(m, person.id);
    },
  },
  /** Every step the person took in a match's history, with what they wrote (messages, comments, reasons). */
  matchHistory: {
    export: (m: EntityManager, person: PersonRef) => collaborationQueries.matchHistoryBy(m, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await collaborationQueries.forgetActor(m, person.id);
    },
  },
  /** A coordinator's outreach to schools (issue 15): kept as the schools' record, with no coordinator. */
  outreachSent: {
    export: (m: EntityManager, person: PersonRef) => outreachQueries.sentBy(m, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await outreachQueries.forgetCoordinator(m, person.id);
    },
  },
  /** Outreach whose invitation to claim a school went to the person's address: the address leaves it, like an invitation's. */
  outreachReceived: {
    export: (m: EntityManager, person: PersonRef) => (person.email ? outreachQueries.sentTo(m, person.email) : Promise.resolve([])),
    erase: async (m: EntityManager, person: PersonRef) => {
      if (person.email) await outreachQueries.forgetAddress(m, person.email);
    },
  },
  /** The messages the person wrote on matches (issue 16): kept, text and all, with no author. */
  messagesWritten: {
    export: (m: EntityManager, person: PersonRef) => conversationQueries.writtenBy(m, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await conversationQueries.forgetAuthor(m, person.id);
    },
  },
  /** Up to where the person read each match's conversation, and when they were last e-mailed about it: only theirs, deleted. */
  messagesRead: {
    export: (m: EntityManager, person: PersonRef) => conversationQueries.readersOf(m, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await conversationQueries.forgetReader(m, person.id);
    },
  },
  /** Workplace placements (issue 16): risk assessments the person submitted, and placements naming their address as supervisor. */
  placements: {
    export: (m: EntityManager, person: PersonRef) => placementQueries.ofPerson(m, person),
    erase: async (m: EntityManager, person: PersonRef) => {
      await placementQueries.forgetPerson(m, person);
    },
  },
  feedbackGiven: {
    export: (m: EntityManager, person: PersonRef) => m.getRepository(Feedback).find({ where: { submittedById: person.id }, order: { submittedAt: 'ASC' } }),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.getRepository(Feedback).update({ submittedById: person.id }, { submittedById: null });
    },
  },
};
