import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { Feedback } from './feedback.entity';

/**
 * Collaboration's part of the GDPR rights. Matches, their history and feedback are the
 * organisations' records: erasure keeps them and takes the person out — the proposer of a
 * match, the actor of a history entry (its comment stays, with no author), the giver of
 * feedback. Nothing here touches `updated_at` or a match's `sequence`: the collaboration
 * itself did not change.
 */
export const collaborationPersonalData: Record<string, PersonalDataContributor> = {
  matchesProposed: {
    export: (m: EntityManager, person: PersonRef) =>
      m.query(
        `SELECT id, request_id AS "requestId", offer_id AS "offerId", school_id AS "schoolId", partner_id AS "partnerId",
                quantity, status, origin, created_at AS "createdAt"
           FROM collaboration_match WHERE proposed_by_id = $1 ORDER BY created_at, id`,
        [person.id],
      ),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.query(`UPDATE collaboration_match SET proposed_by_id = NULL WHERE proposed_by_id = $1`, [person.id]);
    },
  },
  /** Every step the person took in a match's history, with what they wrote (messages, comments, reasons). */
  matchHistory: {
    export: (m: EntityManager, person: PersonRef) =>
      m.query(
        `SELECT match_id AS "matchId", at, from_status AS "fromStatus", to_status AS "toStatus", comment
           FROM match_event WHERE actor_id = $1 ORDER BY at, id`,
        [person.id],
      ),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.query(`UPDATE match_event SET actor_id = NULL WHERE actor_id = $1`, [person.id]);
    },
  },
  feedbackGiven: {
    export: (m: EntityManager, person: PersonRef) => m.getRepository(Feedback).find({ where: { submittedById: person.id }, order: { submittedAt: 'ASC' } }),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.getRepository(Feedback).update({ submittedById: person.id }, { submittedById: null });
    },
  },
};
