import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/** A match in a calendar feed, with the texts of its event. */
export interface FeedRow {
  id: string;
  status: 'APPROVED' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  sequence: number;
  quantity: number;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Date;
  updated_at: Date;
  window_from: string;
  window_until: string;
  request_title: string;
  offer_title: string;
  delivery_modes: string[];
  school_name: string;
  school_municipality: string;
  partner_name: string;
  partner_municipality: string;
}

/**
 * The follow-up context's hand-written SQL, named, with typed parameters: the calendar
 * feeds and the half-year follow-ups (the impact report keeps its own queries, in its one
 * snapshot). Reads of other
 * contexts' tables here are reads only.
 */
export const followupQueries = {
  /** A new token for the person's feed (made if they had none). */
  async setFeedToken(m: Sql, userId: string, token: string): Promise<void> {
    await m.query(
      `INSERT INTO calendar_feed (user_id, token, rotated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, rotated_at = now()`,
      [userId, token],
    );
  },

  /** The owner of the feed behind `token`, their language and organisations (undefined: unknown token, or the account is gone). */
  async feedOwner(m: Sql, token: string): Promise<{ user_id: string; locale: Locale; orgs: string[] } | undefined> {
    const [owner]: Array<{ user_id: string; locale: Locale; orgs: string[] }> = await m.query(
      `SELECT f.user_id, u.locale, coalesce((SELECT array_agg(m.organization_id) FROM membership m WHERE m.user_id = u.id), '{}') AS orgs
         FROM calendar_feed f JOIN app_user u ON u.id = f.user_id
        WHERE f.token = $1 AND u.deleted_at IS NULL`,
      [token],
    );
    return owner;
  },

  /**
   * The matches of a feed for these organisations at `now`: agreed ones, completed ones
   * for `keepCompletedDays`, and cancelled ones that had been agreed until their time
   * passed; in the order of their (planned) start, at most `maxEvents`.
   */
  async feedMatches(m: Sql, organizationIds: readonly string[], now: Date, keepCompletedDays: number, maxEvents: number): Promise<FeedRow[]> {
    return m.query(
      `SELECT m.id, m.status, m.sequence, m.quantity, m.starts_at, m.ends_at, m.created_at, m.updated_at,
                  greatest(r.earliest_date, o.available_from)::text AS window_from, least(r.latest_date, o.available_until)::text AS window_until,
                  r.title AS request_title, o.title AS offer_title, o.delivery_modes,
                  s.name AS school_name, s.municipality AS school_municipality, p.name AS partner_name, p.municipality AS partner_municipality
             FROM collaboration_match m
             JOIN collaboration_request r ON r.id = m.request_id
             JOIN offer o ON o.id = m.offer_id
             JOIN organization s ON s.id = m.school_id
             JOIN organization p ON p.id = m.partner_id
            WHERE (m.school_id = ANY($1::uuid[]) OR m.partner_id = ANY($1::uuid[]))
              AND (m.status IN ('APPROVED', 'SCHEDULED')
                   OR (m.status = 'COMPLETED' AND m.ends_at >= $2::timestamptz - make_interval(days => $3))
                   OR (m.status = 'CANCELLED'
                       AND coalesce(m.ends_at, (least(r.latest_date, o.available_until) + 1)::timestamp AT TIME ZONE 'UTC') >= $2
                       AND EXISTS (SELECT 1 FROM match_event e WHERE e.match_id = m.id AND e.to_status IN ('APPROVED', 'SCHEDULED'))))
            ORDER BY coalesce(m.starts_at, greatest(r.earliest_date, o.available_from)::timestamp AT TIME ZONE 'UTC'), m.id
            LIMIT ${maxEvents}`,
      [organizationIds, now, keepCompletedDays],
    );
  },

  /** The regions with at least one coordinator (an account that is not erased) and no follow-up for the period yet. */
  async regionsDueForFollowUp(m: Sql, from: string, to: string): Promise<string[]> {
    const rows: Array<{ region_code: string }> = await m.query(
      `SELECT DISTINCT c.region_code FROM coordinator_region c JOIN app_user u ON u.id = c.user_id
        WHERE u.deleted_at IS NULL AND u.email IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.region_code = c.region_code AND f.from_date = $1 AND f.to_date = $2)
        ORDER BY c.region_code`,
      [from, to],
    );
    return rows.map((r) => r.region_code);
  },

  /** Stores a follow-up unless the region's period has one already (a concurrent producer): its id, or undefined. */
  async insertFollowUp(m: Sql, regionCode: string, from: string, to: string, report: unknown, createdAt: Date): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await m.query(
      `INSERT INTO follow_up (region_code, from_date, to_date, report, created_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (region_code, from_date, to_date) DO NOTHING RETURNING id`,
      [regionCode, from, to, JSON.stringify(report), createdAt],
    );
    return row?.id;
  },

  /** The school levels the region's schools have (the follow-up lists the least active among these only). */
  async schoolLevelsOf(m: Sql, regionCode: string): Promise<string[]> {
    const rows: Array<{ level: string }> = await m.query(`SELECT DISTINCT unnest(school_levels) AS level FROM organization WHERE kind = 'SCHOOL' AND region_code = $1`, [
      regionCode,
    ]);
    return rows.map((r) => r.level);
  },

  /** The coordinators of a region who can be told (not erased), with their address and language. */
  async coordinatorsOf(m: Sql, regionCode: string): Promise<Array<{ id: string; email: string; locale: Locale }>> {
    return m.query(
      `SELECT u.id, u.email, u.locale FROM coordinator_region c JOIN app_user u ON u.id = c.user_id
        WHERE c.region_code = $1 AND u.deleted_at IS NULL AND u.email IS NOT NULL ORDER BY u.id`,
      [regionCode],
    );
  },
};
