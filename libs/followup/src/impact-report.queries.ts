/**
 * The impact report's SQL (docs/impact-report.md defines every number). Each function is
 * one or two aggregate statements over the regions and period given, whatever the number
 * of schools or targets; ImpactReportService runs them together in one read-only snapshot.
 * The targets' figures are extra groups of the same two statements that make the buckets
 * (the period's activities and requests are read once for both).
 */
import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: here always the snapshot's EntityManager. */
type Sql = Pick<EntityManager, 'query'>;

/** regions, [start, end) of the period. */
export type ReportParams = [regions: string[], start: Date, end: Date];

/** The key of the bucket of schools with no district, no school level or no need index. */
export const UNKNOWN = 'unknown';

/** The need-index bands, in order: [0,25), [25,50), [50,75), [75,100]. */
export const NEED_BANDS = ['0-25', '25-50', '50-75', '75-100'] as const;

/** The report's buckets, and each target's slice ('target', keyed by the target's id). */
export type Dimension = 'total' | 'activityType' | 'district' | 'need' | 'focusArea' | 'schoolLevel' | 'target';

/** Each focus-area direction with its members (itself and its subjects): a subject counts for its direction. */
const DIRECTIONS = `directions AS (SELECT coalesce(parent_code, code) AS direction, array_agg(code) AS members FROM focus_area GROUP BY 1)`;

/** The school's columns every source row carries (`s` is the school's organization row). */
const SCHOOL_COLUMNS = `s.district, s.school_levels,
  CASE WHEN s.need_index IS NULL THEN '${UNKNOWN}' WHEN s.need_index < 25 THEN '0-25' WHEN s.need_index < 50 THEN '25-50'
       WHEN s.need_index < 75 THEN '50-75' ELSE '75-100' END AS need_band`;

/**
 * The per-dimension grouping that both halves of the report share (`src` has
 * activity_type, district, need_band, focus_areas, school_levels; the query defines
 * DIRECTIONS). A row counts once in each direction it touches and once in each level its
 * school has (a school without levels: "unknown").
 */
const BY_DIMENSION = (measures: string, src: string) => `
  SELECT CASE WHEN grouping(activity_type) = 0 THEN 'activityType' WHEN grouping(district) = 0 THEN 'district'
              WHEN grouping(need_band) = 0 THEN 'need' ELSE 'total' END AS dim,
         CASE WHEN grouping(activity_type) = 0 THEN activity_type WHEN grouping(district) = 0 THEN coalesce(district, '${UNKNOWN}')
              WHEN grouping(need_band) = 0 THEN need_band END AS key,
         ${measures}
    FROM ${src} GROUP BY GROUPING SETS ((), (activity_type), (district), (need_band))
  UNION ALL
  SELECT 'focusArea', d.direction, ${measures}
    FROM ${src} JOIN directions d ON ${src}.focus_areas && d.members
   GROUP BY d.direction
  UNION ALL
  SELECT 'schoolLevel', l.level, ${measures}
    FROM ${src} CROSS JOIN LATERAL (
           SELECT DISTINCT v AS level FROM unnest(CASE WHEN cardinality(${src}.school_levels) = 0 THEN ARRAY['${UNKNOWN}']::varchar[] ELSE ${src}.school_levels END) v
         ) l
   GROUP BY l.level`;

/** One school-side activity: a COMPLETED match whose end lies in [$2, $3), with its pupils (docs: studentsReached). */
const DONE = `done AS (
  SELECT x.id, x.school_id, x.partner_id, x.region_code, x.ends_at, r.activity_type, r.focus_areas, ${SCHOOL_COLUMNS},
         f.participants_female AS female, f.participants_male AS male,
         f.participants_non_binary AS non_binary, f.participants_unknown AS unknown,
         CASE WHEN num_nonnulls(f.participants_female, f.participants_male, f.participants_non_binary, f.participants_unknown) > 0
              THEN coalesce(f.participants_female, 0) + coalesce(f.participants_male, 0)
                 + coalesce(f.participants_non_binary, 0) + coalesce(f.participants_unknown, 0)
              ELSE coalesce(r.group_size, x.quantity) END AS students
    FROM collaboration_match x
    JOIN collaboration_request r ON r.id = x.request_id
    JOIN organization s ON s.id = x.school_id
    LEFT JOIN feedback f ON f.match_id = x.id AND f.side = 'SCHOOL'
   WHERE x.status = 'COMPLETED' AND x.region_code = ANY($1::varchar[]) AND x.ends_at >= $2 AND x.ends_at < $3
)`;

/** A request created in [$2, $3), not cancelled. */
const ASKED = `asked AS (
  SELECT r.id, r.region_code, r.created_at, r.activity_type, r.focus_areas, ${SCHOOL_COLUMNS}, r.quantity, r.quantity_matched
    FROM collaboration_request r JOIN organization s ON s.id = r.organization_id
   WHERE r.region_code = ANY($1::varchar[]) AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'CANCELLED'
)`;

export interface DoneRow {
  dim: Dimension;
  key: string | null;
  activities: number;
  students: number;
  schools: number;
  partners: number;
  female: number;
  male: number;
  non_binary: number;
  unknown: number;
}

/** Matches COMPLETED whose end lies in the period, per dimension and bucket (and in total). */
export function completedByDimension(m: Sql, params: ReportParams, withTargets: boolean): Promise<DoneRow[]> {
  const measures = `count(*)::int AS activities, coalesce(sum(students), 0)::int AS students,
    count(DISTINCT school_id)::int AS schools, count(DISTINCT partner_id)::int AS partners,
    coalesce(sum(female), 0)::int AS female, coalesce(sum(male), 0)::int AS male,
    coalesce(sum(non_binary), 0)::int AS non_binary, coalesce(sum(unknown), 0)::int AS unknown`;
  return m.query(
    withTargets
      ? `WITH ${DONE}, ${DIRECTIONS}, ${TARGETS} ${BY_DIMENSION(measures, 'done')} ${BY_TARGET(measures, 'done', 'ends_at')}`
      : `WITH ${DONE}, ${DIRECTIONS} ${BY_DIMENSION(measures, 'done')}`,
    params,
  );
}

/** The mean of every rating, from either side, on the period's activities. */
export async function averageRating(m: Sql, params: ReportParams): Promise<number | null> {
  const [row]: Array<{ average: number | null }> = await m.query(
    `SELECT avg(f.rating)::float8 AS average FROM feedback f JOIN collaboration_match x ON x.id = f.match_id
      WHERE x.status = 'COMPLETED' AND x.region_code = ANY($1::varchar[]) AND x.ends_at >= $2 AND x.ends_at < $3`,
    params,
  );
  return row.average;
}

export interface AskedRow {
  dim: Dimension;
  key: string | null;
  requested: number;
  matched: number;
}

/** Requests created in the period (not cancelled): what was asked for and what it holds now, per dimension and bucket. */
export function demandByDimension(m: Sql, params: ReportParams, withTargets: boolean): Promise<AskedRow[]> {
  const measures = 'coalesce(sum(quantity), 0)::int AS requested, coalesce(sum(quantity_matched), 0)::int AS matched';
  return m.query(
    withTargets
      ? `WITH ${ASKED}, ${DIRECTIONS}, ${TARGETS} ${BY_DIMENSION(measures, 'asked')} ${BY_TARGET(measures, 'asked', 'created_at')}`
      : `WITH ${ASKED}, ${DIRECTIONS} ${BY_DIMENSION(measures, 'asked')}`,
    params,
  );
}

/** From a request's creation to the first time a match of it was accepted into holding: the median, in days. */
export async function medianDaysToMatch(m: Sql, params: ReportParams): Promise<number | null> {
  const [row]: Array<{ days: number | null }> = await m.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.days)::float8 AS days FROM (
       SELECT extract(epoch FROM min(e.at) - r.created_at)::float8 / 86400 AS days
         FROM collaboration_request r
         JOIN collaboration_match x ON x.request_id = r.id
         JOIN match_event e ON e.match_id = x.id AND e.from_status = 'PROPOSED' AND e.to_status IN ('AWAITING_APPROVAL', 'APPROVED')
        WHERE r.region_code = ANY($1::varchar[]) AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'CANCELLED' AND r.quantity_matched > 0
        GROUP BY r.id, r.created_at
     ) t`,
    params,
  );
  return row.days;
}

/** How many schools (every organisation of kind SCHOOL, claimed or not) each region has in each district (null: without one). */
export function schoolsByDistrict(m: Sql, regions: string[]): Promise<Array<{ region_code: string; district: string | null; schools: number }>> {
  return m.query(
    `SELECT o.region_code, o.district, count(*)::int AS schools FROM organization o
      WHERE o.kind = 'SCHOOL' AND o.region_code = ANY($1::varchar[]) GROUP BY o.region_code, o.district`,
    [regions],
  );
}

/**
 * The regions' schools (every organisation of kind SCHOOL, claimed or not) without a
 * match APPROVED, SCHEDULED or COMPLETED whose dates touch the period (an unscheduled
 * one: its request's dates), by name, as `columns` (the organisation's, aliased `o`).
 */
export function schoolsWithoutActivity(m: Sql, columns: string, params: ReportParams): Promise<Array<Record<string, unknown>>> {
  return m.query(
    `SELECT ${columns} FROM organization o
      WHERE o.kind = 'SCHOOL' AND o.region_code = ANY($1::varchar[])
        AND NOT EXISTS (
              SELECT 1 FROM collaboration_match x JOIN collaboration_request r ON r.id = x.request_id
               WHERE x.school_id = o.id AND x.status IN ('APPROVED', 'SCHEDULED', 'COMPLETED')
                 AND coalesce(x.starts_at, r.earliest_date::timestamp AT TIME ZONE 'UTC') < $3
                 AND coalesce(x.ends_at, (r.latest_date + 1)::timestamp AT TIME ZONE 'UTC') >= $2)
      ORDER BY o.name, o.id`,
    params,
  );
}

/**
 * The targets of the regions whose days overlap the period, with each one's slice: the
 * overlap of its days with the period, its focus area with the subjects of a direction.
 */
const TARGETS = `targets AS MATERIALIZED (
  SELECT g.id, g.region_code, g.activity_type,
         greatest($2::timestamptz, g.from_date::timestamp AT TIME ZONE 'UTC') AS t_start,
         least($3::timestamptz, (g.to_date + 1)::timestamp AT TIME ZONE 'UTC') AS t_end,
         (SELECT array_agg(a.code) FROM focus_area a WHERE a.code = g.focus_area_code OR a.parent_code = g.focus_area_code) AS members
    FROM target g
   WHERE g.region_code = ANY($1::varchar[]) AND (g.from_date::timestamp AT TIME ZONE 'UTC') < $3 AND ((g.to_date + 1)::timestamp AT TIME ZONE 'UTC') > $2
)`;

/** Each target's part of `src` (its region, its days of the period — `at` is the row's time —, its focus area and activity type), keyed by the target's id. */
const BY_TARGET = (measures: string, src: string, at: string) => `
  UNION ALL
  SELECT 'target', t.id::text, ${measures}
    FROM ${src} JOIN targets t ON ${src}.region_code = t.region_code AND ${src}.${at} >= t.t_start AND ${src}.${at} < t.t_end
     AND (t.activity_type IS NULL OR ${src}.activity_type = t.activity_type) AND (t.members IS NULL OR ${src}.focus_areas && t.members)
   GROUP BY t.id`;

/** The targets of the regions whose days overlap the period, by region, first day, measure (`columns`: the target's, aliased `g`). */
export function overlappingTargets<T>(m: Sql, columns: string, params: ReportParams): Promise<T[]> {
  return m.query(
    `SELECT ${columns} FROM target g
      WHERE g.region_code = ANY($1::varchar[]) AND (g.from_date::timestamp AT TIME ZONE 'UTC') < $3 AND ((g.to_date + 1)::timestamp AT TIME ZONE 'UTC') > $2
      ORDER BY g.region_code, g.from_date, g.measure, g.created_at, g.id`,
    params,
  );
}
