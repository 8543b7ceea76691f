// Hand-written SQL stays here, not in followup.queries.ts: the report's queries run together in one read-only snapshot (issue 14 keeps it as it is).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActivityType, focusAreaName, TaxonomyService } from '@brobygge/catalog';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Actor, InvalidInputError, isCalendarDate, Locale } from '@brobygge/core';
import { allowLongStatements } from '@brobygge/database';
import { Organization } from '@brobygge/identity';
import { activityTypeLabel, unknownDistrictLabel } from './labels';
import { ReportPolicy } from './report.policy';

export interface ReportFilter {
  from: string;
  to: string;
  regionCodes?: string[] | null;
}

export interface ReportBucket {
  key: string;
  label: string;
  activities: number;
  studentsReached: number;
  quantityRequested: number;
  quantityMatched: number;
}

export interface GenderCounts {
  female: number;
  male: number;
  nonBinary: number;
  unknown: number;
}

export interface ImpactReport {
  from: string;
  to: string;
  regionCodes: string[];
  activitiesCompleted: number;
  studentsReached: number;
  schoolsReached: number;
  partnersEngaged: number;
  quantityRequested: number;
  quantityMatched: number;
  fillRate: number;
  medianDaysToMatch: number | null;
  averageRating: number | null;
  participantsByGender: GenderCounts;
  byFocusArea: ReportBucket[];
  byActivityType: ReportBucket[];
  byDistrict: ReportBucket[];
  schoolsWithoutActivity: Organization[];
}

/** The key of the district bucket of schools with no district. */
export const UNKNOWN_DISTRICT = 'unknown';
/** A longer period is almost certainly a typing mistake (and a needlessly heavy query). */
const MAX_PERIOD_DAYS = 3660;

type Dimension = 'total' | 'activityType' | 'district' | 'focusArea';

/** Each focus-area direction with its members (itself and its subjects): a subject counts for its direction. */
const DIRECTIONS = `directions AS (SELECT coalesce(parent_code, code) AS direction, array_agg(code) AS members FROM focus_area GROUP BY 1)`;

/**
 * The per-dimension grouping that both halves of the report share (`src` has
 * activity_type, district, focus_areas; the query defines DIRECTIONS). A row counts once
 * in each direction it touches: the join on overlapping arrays yields one row per
 * direction, however many of its subjects the row names.
 */
const BY_DIMENSION = (measures: string, src: string) => `
  SELECT CASE WHEN grouping(activity_type) = 0 THEN 'activityType' WHEN grouping(district) = 0 THEN 'district' ELSE 'total' END AS dim,
         CASE WHEN grouping(activity_type) = 0 THEN activity_type WHEN grouping(district) = 0 THEN coalesce(district, '${UNKNOWN_DISTRICT}') END AS key,
         ${measures}
    FROM ${src} GROUP BY GROUPING SETS ((), (activity_type), (district))
  UNION ALL
  SELECT 'focusArea', d.direction, ${measures}
    FROM ${src} JOIN directions d ON ${src}.focus_areas && d.members
   GROUP BY d.direction`;

/**
 * What happened in the region and where support is missing (RULES.md, Follow-up), as
 * aggregates computed in PostgreSQL, in one consistent snapshot. The definitions of every
 * number are in docs/impact-report.md.
 *
 * Periods are calendar days in UTC, both ends included: [from 00:00Z, to + 1 day 00:00Z).
 */
@Injectable()
export class ImpactReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(actor: Actor, filter: ReportFilter, locale: Locale): Promise<ImpactReport> {
    const known = (await this.taxonomy.regions()).map((r) => r.code);
    const regions = ReportPolicy.regionsFor(actor, filter.regionCodes, known);
    const { start, end } = period(filter.from, filter.to);
    const params = [regions, start, end];

    // One snapshot for all the numbers: a change committed meanwhile is in all of them or in none.
    const [done, asked, schools, quiet] = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      await allowLongStatements(m, this.config.DB_LONG_STATEMENT_TIMEOUT_MS);
      // These aggregates take tens of milliseconds; compiling them (JIT) would cost about as much again.
      await m.query('SET LOCAL jit = off');
      const d = await this.completed(m, params);
      const a = await this.demand(m, params);
      const s = await this.schools(m, params);
      const idle = s.filter((x) => !x.active).map((x) => x.id);
      const orgs = idle.length ? await m.getRepository(Organization).find({ where: { id: In(idle) }, order: { name: 'ASC', id: 'ASC' } }) : [];
      return [d, a, s, orgs] as const;
    });

    const total = done.get('total|') ?? EMPTY_DONE;
    const demand = asked.get('total|') ?? EMPTY_ASKED;
    const bucket = (dim: Dimension, key: string, label: string): ReportBucket => {
      const d = done.get(`${dim}|${key}`) ?? EMPTY_DONE;
      const a = asked.get(`${dim}|${key}`) ?? EMPTY_ASKED;
      return { key, label, activities: d.activities, studentsReached: d.students, quantityRequested: a.requested, quantityMatched: a.matched };
    };
    const directions = (await this.taxonomy.focusAreas()).filter((f) => f.parentCode === null);
    const districts = [...new Set([...schools.map((s) => s.district ?? UNKNOWN_DISTRICT), ...keysOf(done, 'district'), ...keysOf(asked, 'district')])].sort(
      (a, b) => Number(a === UNKNOWN_DISTRICT) - Number(b === UNKNOWN_DISTRICT) || a.localeCompare(b, locale),
    );
    return {
      from: filter.from,
      to: filter.to,
      regionCodes: regions,
      activitiesCompleted: total.activities,
      studentsReached: total.students,
      schoolsReached: total.schools,
      partnersEngaged: total.partners,
      quantityRequested: demand.requested,
      quantityMatched: demand.matched,
      fillRate: demand.requested > 0 ? round(demand.matched / demand.requested, 4) : 0,
      medianDaysToMatch: demand.medianDays === null ? null : round(demand.medianDays, 1),
      averageRating: total.averageRating === null ? null : round(total.averageRating, 2),
      participantsByGender: { female: total.female, male: total.male, nonBinary: total.nonBinary, unknown: total.unknown },
      byFocusArea: directions.map((d) => bucket('focusArea', d.code, focusAreaName(d, locale))),
      byActivityType: Object.values(ActivityType).map((t) => bucket('activityType', t, activityTypeLabel(t, locale))),
      byDistrict: districts.map((d) => bucket('district', d, d === UNKNOWN_DISTRICT ? unknownDistrictLabel(locale) : d)),
      schoolsWithoutActivity: quiet,
    };
  }

  /**
   * The region's schools, and whether each had a match APPROVED, SCHEDULED or COMPLETED
   * whose dates touch the period (an unscheduled one: its request's dates).
   */
  private schools(m: EntityManager, params: unknown[]): Promise<Array<{ id: string; district: string | null; active: boolean }>> {
    return m.query(
      `SELECT o.id, o.district, EXISTS (
                SELECT 1 FROM collaboration_match x JOIN collaboration_request r ON r.id = x.request_id
                 WHERE x.school_id = o.id AND x.status IN ('APPROVED', 'SCHEDULED', 'COMPLETED')
                   AND coalesce(x.starts_at, r.earliest_date::timestamp AT TIME ZONE 'UTC') < $3
                   AND coalesce(x.ends_at, (r.latest_date + 1)::timestamp AT TIME ZONE 'UTC') >= $2) AS active
         FROM organization o WHERE o.kind = 'SCHOOL' AND o.region_code = ANY($1::varchar[])`,
      params,
    );
  }

  /** Matches COMPLETED whose end lies in the period, per dimension (and in total). */
  private async completed(m: EntityManager, params: unknown[]): Promise<Map<string, DoneRow>> {
    const measures = `count(*)::int AS activities, coalesce(sum(students), 0)::int AS students,
      count(DISTINCT school_id)::int AS schools, count(DISTINCT partner_id)::int AS partners,
      coalesce(sum(female), 0)::int AS female, coalesce(sum(male), 0)::int AS male,
      coalesce(sum(non_binary), 0)::int AS non_binary, coalesce(sum(unknown), 0)::int AS unknown`;
    const rows: Array<{ dim: Dimension; key: string | null } & Omit<DoneRow, 'averageRating' | 'nonBinary'> & { non_binary: number }> = await m.query(
      `WITH done AS (
         SELECT x.id, x.school_id, x.partner_id, r.activity_type, r.focus_areas, s.district,
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
       ), ${DIRECTIONS}
       ${BY_DIMENSION(measures, 'done')}`,
      params,
    );
    const [rating]: Array<{ average: number | null }> = await m.query(
      `SELECT avg(f.rating)::float8 AS average FROM feedback f JOIN collaboration_match x ON x.id = f.match_id
        WHERE x.status = 'COMPLETED' AND x.region_code = ANY($1::varchar[]) AND x.ends_at >= $2 AND x.ends_at < $3`,
      params,
    );
    return new Map(rows.map((r) => [`${r.dim}|${r.key ?? ''}`, { ...r, nonBinary: r.non_binary, averageRating: r.dim === 'total' ? rating.average : null }]));
  }

  /** Requests created in the period (not cancelled): what was asked for, what it holds now, and the time to a first acceptance. */
  private async demand(m: EntityManager, params: unknown[]): Promise<Map<string, AskedRow>> {
    const rows: Array<{ dim: Dimension; key: string | null; requested: number; matched: number }> = await m.query(
      `WITH asked AS (
         SELECT r.id, r.activity_type, r.focus_areas, s.district, r.quantity, r.quantity_matched
           FROM collaboration_request r JOIN organization s ON s.id = r.organization_id
          WHERE r.region_code = ANY($1::varchar[]) AND r.created_at >= $2 AND r.created_at < $3 AND r.status <> 'CANCELLED'
       ), ${DIRECTIONS}
       ${BY_DIMENSION('coalesce(sum(quantity), 0)::int AS requested, coalesce(sum(quantity_matched), 0)::int AS matched', 'asked')}`,
      params,
    );
    // From a request's creation to the first time a match of it was accepted into holding.
    const [median]: Array<{ days: number | null }> = await m.query(
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
    return new Map(rows.map((r) => [`${r.dim}|${r.key ?? ''}`, { requested: r.requested, matched: r.matched, medianDays: r.dim === 'total' ? median.days : null }]));
  }
}

interface DoneRow {
  activities: number;
  students: number;
  schools: number;
  partners: number;
  female: number;
  male: number;
  nonBinary: number;
  unknown: number;
  averageRating: number | null;
}

interface AskedRow {
  requested: number;
  matched: number;
  medianDays: number | null;
}

const EMPTY_DONE: DoneRow = { activities: 0, students: 0, schools: 0, partners: 0, female: 0, male: 0, nonBinary: 0, unknown: 0, averageRating: null };
const EMPTY_ASKED: AskedRow = { requested: 0, matched: 0, medianDays: null };

function keysOf(map: Map<string, unknown>, dim: Dimension): string[] {
  return [...map.keys()].filter((k) => k.startsWith(`${dim}|`)).map((k) => k.slice(dim.length + 1));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** [from 00:00Z, to + 1 day 00:00Z), or BAD_USER_INPUT naming the field. */
function period(from: string, to: string): { start: Date; end: Date } {
  if (!isCalendarDate(from)) throw new InvalidInputError('filter.from', 'filter.from must be a date like 2027-01-01.');
  if (!isCalendarDate(to)) throw new InvalidInputError('filter.to', 'filter.to must be a date like 2027-06-30.');
  const start = new Date(`${from}T00:00:00.000Z`);
  const last = new Date(`${to}T00:00:00.000Z`);
  if (last < start) throw new InvalidInputError('filter.to', `filter.to (${to}) must not be before filter.from (${from}).`);
  const days = (last.getTime() - start.getTime()) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) throw new InvalidInputError('filter.to', `A report covers at most ${MAX_PERIOD_DAYS} days; this period has ${days}.`);
  return { start, end: new Date(last.getTime() + 86_400_000) };
}
