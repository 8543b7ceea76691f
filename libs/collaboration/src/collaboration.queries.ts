import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';
import type { MatchStatus } from './enums';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/** A match a person proposed, as exportMyData shows it. */
export interface MatchProposedRow {
  id: string;
  requestId: string;
  offerId: string;
  schoolId: string;
  partnerId: string;
  quantity: number;
  status: MatchStatus;
  origin: string;
  createdAt: Date;
}

/** A step a person took in a match's history, as exportMyData shows it. */
export interface MatchHistoryRow {
  matchId: string;
  at: Date;
  fromStatus: MatchStatus | null;
  toStatus: MatchStatus;
  comment: string | null;
}

/** Who hears about a match: a person, their address and language, and which of the match's two organisations they belong to. */
export interface MatchRecipient {
  id: string;
  email: string;
  locale: Locale;
  orgs: string[];
}

/** A member of an organisation, with the organisation. */
export interface MemberRecipient {
  id: string;
  email: string;
  locale: Locale;
  organization_id: string;
}

/** What a match notice says about the match's request, offer and organisations, and whether each organisation is verified. */
export interface MatchTexts {
  requestTitle: string;
  offerTitle: string;
  schoolName: string;
  partnerName: string;
  activityType: string;
  schoolVerified: boolean;
  partnerVerified: boolean;
}

/**
 * The collaboration context's hand-written SQL, named, with typed parameters (the
 * matching pre-filter, which runs on the pg pool, lives in matching-data.ts). Reads of
 * other contexts' tables here are reads only; their writes go through their services.
 */
export const collaborationQueries = {
  /** Whether an organisation has been verified (undefined: no such organisation). */
  async organizationVerified(m: Sql, organizationId: string): Promise<boolean | undefined> {
    const [org]: Array<{ verified: boolean }> = await m.query('SELECT verified FROM organization WHERE id = $1', [organizationId]);
    return org?.verified;
  },

  /** The dates a match may be scheduled in: the request's and the offer's, as text. */
  async scheduleWindow(m: Sql, requestId: string, offerId: string): Promise<{ earliest: string; latest: string; from: string; until: string }> {
    const [window] = await m.query(
      `SELECT r.earliest_date::text AS earliest, r.latest_date::text AS latest, o.available_from::text AS "from", o.available_until::text AS until
         FROM collaboration_request r, offer o WHERE r.id = $1 AND o.id = $2`,
      [requestId, offerId],
    );
    return window;
  },

  /**
   * Matches in `states` on a request that lapsed (CLOSED after its last date) or an offer
   * that lapsed (ARCHIVED after its last day), claimed FOR UPDATE SKIP LOCKED, and which
   * of the two lapsed.
   */
  async claimLapsedMatches(
    m: Sql,
    today: string,
    batch: number,
    states: readonly MatchStatus[],
  ): Promise<Array<{ id: string; request_lapsed: boolean; offer_lapsed: boolean }>> {
    return m.query(
      `SELECT x.id, (r.status = 'CLOSED' AND r.latest_date < $1::date) AS request_lapsed, (o.status = 'ARCHIVED' AND o.available_until < $1::date) AS offer_lapsed
         FROM collaboration_match x
         JOIN collaboration_request r ON r.id = x.request_id
         JOIN offer o ON o.id = x.offer_id
        WHERE x.status = ANY($3::varchar[])
          AND ((r.status = 'CLOSED' AND r.latest_date < $1::date) OR (o.status = 'ARCHIVED' AND o.available_until < $1::date))
        ORDER BY x.id LIMIT $2
        FOR UPDATE OF x SKIP LOCKED`,
      [today, batch, states],
    );
  },

  /** `request|offer` of each pair in a region with a match in `states`. */
  async pairsWithMatchIn(m: Sql, regionCode: string, states: readonly MatchStatus[]): Promise<Set<string>> {
    const rows: Array<{ k: string }> = await m.query(
      `SELECT request_id || '|' || offer_id AS k FROM collaboration_match WHERE region_code = $1 AND status = ANY($2::varchar[])`,
      [regionCode, states],
    );
    return new Set(rows.map((x) => x.k));
  },

  /** How many of the pairs (requestIds[i], offerIds[i]) have a match in `states`. */
  async countPairsWithMatchIn(m: Sql, requestIds: readonly string[], offerIds: readonly string[], states: readonly MatchStatus[]): Promise<number> {
    const [{ busy }]: Array<{ busy: number }> = await m.query(
      `SELECT count(*)::int AS busy FROM collaboration_match
        WHERE (request_id, offer_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) AND status = ANY($3::varchar[])`,
      [[...requestIds], [...offerIds], states],
    );
    return busy;
  },

  /** Ids of the matches in `states` on a request or an offer (no lock). */
  async matchIdsOn(m: Sql, item: 'REQUEST' | 'OFFER', id: string, states: readonly MatchStatus[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await m.query(
      `SELECT id FROM collaboration_match WHERE ${item === 'REQUEST' ? 'request_id' : 'offer_id'} = $1 AND status = ANY($2::varchar[])`,
      [id, states],
    );
    return rows.map((r) => r.id);
  },

  /** The matches a person proposed (exportMyData). */
  async matchesProposedBy(m: Sql, userId: string): Promise<MatchProposedRow[]> {
    return m.query(
      `SELECT id, request_id AS "requestId", offer_id AS "offerId", school_id AS "schoolId", partner_id AS "partnerId",
                quantity, status, origin, created_at AS "createdAt"
           FROM collaboration_match WHERE proposed_by_id = $1 ORDER BY created_at, id`,
      [userId],
    );
  },

  /** Erasure: the matches a person proposed keep no proposer. */
  async forgetProposer(m: Sql, userId: string): Promise<void> {
    await m.query(`UPDATE collaboration_match SET proposed_by_id = NULL WHERE proposed_by_id = $1`, [userId]);
  },

  /** Every step a person took in a match's history (exportMyData). */
  async matchHistoryBy(m: Sql, userId: string): Promise<MatchHistoryRow[]> {
    return m.query(
      `SELECT match_id AS "matchId", at, from_status AS "fromStatus", to_status AS "toStatus", comment
           FROM match_event WHERE actor_id = $1 ORDER BY at, id`,
      [userId],
    );
  },

  /** Erasure: the history entries a person made keep no actor. */
  async forgetActor(m: Sql, userId: string): Promise<void> {
    await m.query(`UPDATE match_event SET actor_id = NULL WHERE actor_id = $1`, [userId]);
  },

  /** A match's status and start (undefined: no such match), for the reminder's delivery guard. */
  async matchSchedule(m: Sql, matchId: string): Promise<{ status: string; starts_at: Date | null } | undefined> {
    const [row]: Array<{ status: string; starts_at: Date | null }> = await m.query(`SELECT status, starts_at FROM collaboration_match WHERE id = $1`, [matchId]);
    return row;
  },

  /** A match's status and whether `side` has given feedback on it (undefined: no such match), for the feedback reminder's delivery guard. */
  async feedbackState(m: Sql, matchId: string, side: string): Promise<{ status: string; answered: boolean } | undefined> {
    const [row]: Array<{ status: string; answered: boolean }> = await m.query(
      `SELECT status, EXISTS (SELECT 1 FROM feedback f WHERE f.match_id = m.id AND f.side = $2) AS answered FROM collaboration_match m WHERE m.id = $1`,
      [matchId, side],
    );
    return row;
  },

  /**
   * The people with an address who hear about a match: members of `organizations` and,
   * if given, the coordinators of `regionCoordinators`, except `except`; with which of
   * the school and the partner each belongs to.
   */
  async matchRecipients(
    m: Sql,
    organizations: readonly string[],
    regionCoordinators: string | null,
    except: string | null,
    schoolId: string,
    partnerId: string,
  ): Promise<MatchRecipient[]> {
    return m.query(
      `SELECT DISTINCT u.id, u.email, u.locale,
              ARRAY(SELECT organization_id::text FROM membership WHERE user_id = u.id AND organization_id IN ($4::uuid, $5::uuid)) AS orgs
         FROM app_user u
        WHERE u.email IS NOT NULL AND u.deleted_at IS NULL AND u.id IS DISTINCT FROM $3::uuid
          AND (u.id IN (SELECT user_id FROM membership WHERE organization_id = ANY($1::uuid[]))
               OR ($2::varchar IS NOT NULL AND u.id IN (SELECT user_id FROM coordinator_region WHERE region_code = $2)))
        ORDER BY u.id`,
      [organizations, regionCoordinators, except, schoolId, partnerId],
    );
  },

  /** The titles and names a match notice shows, and whether the school and the partner are verified. */
  async matchTexts(m: Sql, requestId: string, offerId: string, schoolId: string, partnerId: string): Promise<MatchTexts> {
    const [facts]: MatchTexts[] = await m.query(
      `SELECT r.title AS "requestTitle", o.title AS "offerTitle", s.name AS "schoolName", p.name AS "partnerName", r.activity_type AS "activityType",
              s.verified AS "schoolVerified", p.verified AS "partnerVerified"
         FROM collaboration_request r, offer o, organization s, organization p
        WHERE r.id = $1 AND o.id = $2 AND s.id = $3 AND p.id = $4`,
      [requestId, offerId, schoolId, partnerId],
    );
    return facts;
  },

  /** The members with an address of each organisation (one row per membership). */
  async membersOf(m: Sql, organizationIds: readonly string[]): Promise<MemberRecipient[]> {
    return m.query(
      `SELECT u.id, u.email, u.locale, ms.organization_id FROM membership ms JOIN app_user u ON u.id = ms.user_id
        WHERE ms.organization_id = ANY($1::uuid[]) AND u.email IS NOT NULL AND u.deleted_at IS NULL ORDER BY u.id`,
      [organizationIds],
    );
  },

  /** The organisations a person is a member of, with their kind. */
  async organizationsOfUser(m: Sql, userId: string): Promise<Array<{ id: string; kind: string }>> {
    return m.query(`SELECT g.id, g.kind FROM membership x JOIN organization g ON g.id = x.organization_id WHERE x.user_id = $1`, [userId]);
  },

  /** The names of organisations. */
  async organizationNames(m: Sql, ids: readonly string[]): Promise<Array<{ id: string; name: string }>> {
    return m.query(`SELECT id, name FROM organization WHERE id = ANY($1::uuid[])`, [ids]);
  },
};
