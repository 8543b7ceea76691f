import type { EntityManager } from 'typeorm';
import type { MatchStatus } from './enums';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

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
};
