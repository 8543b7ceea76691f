import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityType, focusAreaName, TaxonomyService } from '@brobygge/catalog';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Actor, InvalidInputError, isCalendarDate, Locale } from '@brobygge/core';
import { allowLongStatements, selectColumns } from '@brobygge/database';
import { Organization, SchoolLevel } from '@brobygge/identity';
import {
  AskedRow,
  averageRating,
  completedByDimension,
  demandByDimension,
  Dimension,
  DoneRow,
  medianDaysToMatch,
  NEED_BANDS,
  overlappingTargets,
  ReportParams,
  schoolsByDistrict,
  schoolsWithoutActivity,
  UNKNOWN,
} from './impact-report.queries';
import { activityTypeLabel, needBandLabel, schoolLevelLabel, unknownDistrictLabel } from './labels';
import { ReportPolicy } from './report.policy';
import { Target, TargetMeasure } from './target.entity';

export interface ReportFilter {
  from: string;
  to: string;
  regionCodes?: string[] | null;
}

export interface GenderCounts {
  female: number;
  male: number;
  nonBinary: number;
  unknown: number;
}

export interface ReportBucket {
  key: string;
  label: string;
  activities: number;
  studentsReached: number;
  quantityRequested: number;
  quantityMatched: number;
  participantsByGender: GenderCounts;
}

/** A target of the report's regions that overlaps its period, measured (docs/impact-report.md, "Targets"). */
export interface TargetProgress {
  target: Target;
  actual: number;
  /** actual ≥ target.value: every measure is "more is better". */
  met: boolean;
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
  /** One bucket per SchoolLevel, then "unknown"; a school with several levels counts in each. */
  bySchoolLevel: ReportBucket[];
  /** The need-index bands 0-25, 25-50, 50-75, 75-100, then "unknown". */
  byNeed: ReportBucket[];
  schoolsWithoutActivity: Organization[];
  /** The same report for the equal-length period just before (same regions, same snapshot); its own `previous` is null and its `targets` empty. */
  previous: ImpactReport | null;
  targets: TargetProgress[];
}

/** A longer period is almost certainly a typing mistake (and a needlessly heavy query). */
export const MAX_PERIOD_DAYS = 3660;
const DAY = 86_400_000;

/**
 * The parts of the report a caller does without (the API: what the operation does not
 * select). Left out, `previous` is null and a list of schools empty; everything else is
 * always there. By default every part is computed.
 */
export interface ReportParts {
  previous?: boolean;
  schoolsWithoutActivity?: boolean;
  previousSchoolsWithoutActivity?: boolean;
}

/** What one period's queries returned, before labels. */
interface Gathered {
  done: Map<string, DoneRow>;
  asked: Map<string, AskedRow>;
  rating: number | null;
  medianDays: number | null;
  schools: Array<{ region_code: string; district: string | null; schools: number }>;
  quiet: Organization[];
  targets: Target[];
}

/**
 * What happened in the region and where support is missing (RULES.md, Follow-up), as
 * aggregates computed in PostgreSQL (impact-report.queries.ts), in one consistent
 * snapshot — the period asked for, the period before it and the targets alike. The
 * definitions of every number are in docs/impact-report.md.
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

  /** The organisation's and the target's columns (schools without activity are read as rows, not through the ORM: there may be thousands). */
  private columns?: { organization: string; target: string };

  /**
   * The report for the caller: coordinators their regions, admins any (ReportPolicy).
   * `parts` leaves out what the caller does not show (the previous period doubles the work).
   */
  async report(actor: Actor, filter: ReportFilter, locale: Locale, parts: ReportParts = {}): Promise<ImpactReport> {
    const known = (await this.taxonomy.regions()).map((r) => r.code);
    const regions = ReportPolicy.regionsFor(actor, filter.regionCodes, known);
    return this.forRegions(regions, filter, locale, parts);
  }

  /**
   * The report for regions the caller has already been allowed (the API asks `report`;
   * the half-year follow-up worker, which acts for no person, asks this). The regions must exist.
   */
  async forRegions(regions: string[], filter: Pick<ReportFilter, 'from' | 'to'>, locale: Locale, parts: ReportParts = {}): Promise<ImpactReport> {
    const current = period(filter.from, filter.to);
    const before = previousPeriod(current.start, current.end);

    // One snapshot for all the numbers: a change committed meanwhile is in all of them or in none.
    const [now, then] = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      await allowLongStatements(m, this.config.DB_LONG_STATEMENT_TIMEOUT_MS);
      // These aggregates take tens of milliseconds; compiling them (JIT) would cost about as much again.
      await m.query('SET LOCAL jit = off');
      const n = await this.gather(m, [regions, current.start, current.end], { targets: true, schools: parts.schoolsWithoutActivity !== false });
      const t =
        parts.previous === false
          ? null
          : await this.gather(m, [regions, before.start, before.end], { targets: false, schools: parts.previousSchoolsWithoutActivity !== false });
      return [n, t] as const;
    });
    const previous = then && (await this.assemble(then, { regions, from: before.from, to: before.to, locale, previous: null }));
    return this.assemble(now, { regions, from: filter.from, to: filter.to, locale, previous });
  }

  private async gather(m: EntityManager, params: ReportParams, want: { targets: boolean; schools: boolean }): Promise<Gathered> {
    this.columns ??= { organization: selectColumns(this.dataSource, Organization, 'o'), target: selectColumns(this.dataSource, Target, 'g') };
    const done = await completedByDimension(m, params, want.targets);
    const rating = await averageRating(m, params);
    const asked = await demandByDimension(m, params, want.targets);
    const medianDays = await medianDaysToMatch(m, params);
    const schools = await schoolsByDistrict(m, params[0]);
    const quiet = want.schools ? (await schoolsWithoutActivity(m, this.columns.organization, params)).map((row) => Object.assign(new Organization(), row)) : [];
    const targets = want.targets ? (await overlappingTargets<Target>(m, this.columns.target, params)).map((row) => Object.assign(new Target(), row)) : [];
    return { done: byBucket(done), asked: byBucket(asked), rating, medianDays, schools, quiet, targets };
  }

  private async assemble(g: Gathered, o: { regions: string[]; from: string; to: string; locale: Locale; previous: ImpactReport | null }): Promise<ImpactReport> {
    const { done, asked } = g;
    const locale = o.locale;
    const total = done.get('total|') ?? EMPTY_DONE;
    const demand = asked.get('total|') ?? EMPTY_ASKED;
    const bucket = (dim: Dimension, key: string, label: string): ReportBucket => {
      const d = done.get(`${dim}|${key}`) ?? EMPTY_DONE;
      const a = asked.get(`${dim}|${key}`) ?? EMPTY_ASKED;
      return {
        key,
        label,
        activities: d.activities,
        studentsReached: d.students,
        quantityRequested: a.requested,
        quantityMatched: a.matched,
        participantsByGender: genders(d),
      };
    };
    const directions = (await this.taxonomy.focusAreas()).filter((f) => f.parentCode === null);
    const districts = [...new Set([...g.schools.map((s) => s.district ?? UNKNOWN), ...keysOf(done, 'district'), ...keysOf(asked, 'district')])].sort(
      (a, b) => Number(a === UNKNOWN) - Number(b === UNKNOWN) || a.localeCompare(b, locale),
    );
    return {
      from: o.from,
      to: o.to,
      regionCodes: o.regions,
      activitiesCompleted: total.activities,
      studentsReached: total.students,
      schoolsReached: total.schools,
      partnersEngaged: total.partners,
      quantityRequested: demand.requested,
      quantityMatched: demand.matched,
      fillRate: demand.requested > 0 ? round(demand.matched / demand.requested, 4) : 0,
      medianDaysToMatch: g.medianDays === null ? null : round(g.medianDays, 1),
      averageRating: g.rating === null ? null : round(g.rating, 2),
      participantsByGender: genders(total),
      byFocusArea: directions.map((d) => bucket('focusArea', d.code, focusAreaName(d, locale))),
      byActivityType: Object.values(ActivityType).map((t) => bucket('activityType', t, activityTypeLabel(t, locale))),
      byDistrict: districts.map((d) => bucket('district', d, d === UNKNOWN ? unknownDistrictLabel(locale) : d)),
      bySchoolLevel: [...Object.values(SchoolLevel), UNKNOWN].map((l) => bucket('schoolLevel', l, schoolLevelLabel(l, locale))),
      byNeed: [...NEED_BANDS, UNKNOWN].map((b) => bucket('need', b, needBandLabel(b, locale))),
      schoolsWithoutActivity: g.quiet,
      previous: o.previous,
      targets: g.targets.map((t) => {
        const schools = g.schools.filter((s) => s.region_code === t.regionCode).reduce((n, s) => n + s.schools, 0);
        return progress(t, done.get(`target|${t.id}`) ?? EMPTY_DONE, asked.get(`target|${t.id}`) ?? EMPTY_ASKED, schools);
      }),
    };
  }
}

/**
 * A target's actual value by its measure (docs/impact-report.md, "Targets"), from its
 * slice of the activities and requests and the number of schools of its region; shares
 * and rates to 4 decimals, 0 when their denominator is 0.
 */
function progress(target: Target, d: DoneFigures, a: AskedFigures, regionSchools: number): TargetProgress {
  const share = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : 0);
  const actual: Record<TargetMeasure, number> = {
    [TargetMeasure.SCHOOLS_REACHED_SHARE]: share(d.schools, regionSchools),
    [TargetMeasure.STUDENTS_REACHED]: d.students,
    [TargetMeasure.FEMALE_SHARE]: share(d.female, d.female + d.male + d.non_binary),
    [TargetMeasure.ACTIVITIES_COMPLETED]: d.activities,
    [TargetMeasure.QUANTITY_MATCHED]: a.matched,
    [TargetMeasure.FILL_RATE]: share(a.matched, a.requested),
  };
  return { target, actual: actual[target.measure], met: actual[target.measure] >= target.value };
}

type DoneFigures = Omit<DoneRow, 'dim' | 'key'>;
type AskedFigures = Omit<AskedRow, 'dim' | 'key'>;
const EMPTY_DONE: DoneFigures = { activities: 0, students: 0, schools: 0, partners: 0, female: 0, male: 0, non_binary: 0, unknown: 0 };
const EMPTY_ASKED: AskedFigures = { requested: 0, matched: 0 };

const genders = (d: DoneFigures): GenderCounts => ({ female: d.female, male: d.male, nonBinary: d.non_binary, unknown: d.unknown });

function byBucket<R extends { dim: Dimension; key: string | null }>(rows: R[]): Map<string, R> {
  return new Map(rows.map((r) => [`${r.dim}|${r.key ?? ''}`, r]));
}

function keysOf(map: Map<string, unknown>, dim: Dimension): string[] {
  return [...map.keys()].filter((k) => k.startsWith(`${dim}|`)).map((k) => k.slice(dim.length + 1));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** [from 00:00Z, to + 1 day 00:00Z), or BAD_USER_INPUT naming the field. */
function period(from: string, to: string): { start: Date; end: Date } {
  if (!isCalendarDate(from)) throw new InvalidInputError('filter.from', 'filter.from must be a date like 2027-01-01.');
  if (!isCalendarDate(to)) throw new InvalidInputError('filter.to', 'filter.to must be a date like 2027-06-30.');
  const start = new Date(`${from}T00:00:00.000Z`);
  const last = new Date(`${to}T00:00:00.000Z`);
  if (last < start) throw new InvalidInputError('filter.to', `filter.to (${to}) must not be before filter.from (${from}).`);
  const days = (last.getTime() - start.getTime()) / DAY + 1;
  if (days > MAX_PERIOD_DAYS) throw new InvalidInputError('filter.to', `A report covers at most ${MAX_PERIOD_DAYS} days; this period has ${days}.`);
  return { start, end: new Date(last.getTime() + DAY) };
}

/** The period of as many days just before [start, end): from − length … from − 1 day. */
function previousPeriod(start: Date, end: Date): { start: Date; end: Date; from: string; to: string } {
  const before = new Date(start.getTime() - (end.getTime() - start.getTime()));
  return { start: before, end: start, from: isoDay(before), to: isoDay(new Date(start.getTime() - DAY)) };
}
