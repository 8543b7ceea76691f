// Hand-written SQL stays here, not in collaboration.queries.ts: this is collaboration's matching query module, the performance-critical pre-filter on the pg pool.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CollaborationRequest, focusAreaName, Offer, TaxonomyService } from '@brobygge/catalog';
import type { Locale } from '@brobygge/core';
import { CacheVersion, pgPool, selectColumns } from '@brobygge/database';
import type { OfferFacts, RequestFacts, ScoreContext } from '@brobygge/matching';

type PartnerFeedback = { average: number; count: number } | null;

interface PartnerMemo {
  version: string;
  loads: Map<string, number>;
  feedback: Map<string, PartnerFeedback>;
}

interface Placed {
  latitude: number | null;
  longitude: number | null;
  priority?: boolean;
  /** The school's need index (0–100) when known. */
  needIndex?: number | null;
}

/** A candidate's facts and an upper bound of its score. */
export interface Bounded<T> {
  facts: T;
  bound: number;
}

/** SQL for a score bound over the alias of the candidate table; appends its parameters. */
export interface BoundSql {
  sql(alias: string, params: unknown[]): string;
}

/** A box around (lat, lon) that holds every point within `km` (the exact check follows in the library). */
const within = (a: string, km: string) =>
  `(abs(${a}.latitude - $8) <= ${km}::float8 / 111 AND abs(${a}.longitude - $9) <= ${km}::float8 / (111 * greatest(cos(radians($8)), 0.01)))`;

/**
 * The I/O side of matching: rows to the library's plain facts, the indexed SQL pre-filter
 * of candidates (activity type, status, dates, a shared language and delivery mode, age,
 * group size, a bounding box for distance), and what the score needs to know about
 * schools and partners.
 */
@Injectable()
export class MatchingData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly taxonomy: TaxonomyService,
    private readonly versions: CacheVersion,
  ) {}

  /**
   * Every column of an offer and a request as the entities name them (dates as text, as
   * TypeORM gives them), from the entities' metadata: a new column is read without
   * anyone keeping a list. Built once; the candidate queries below read only the facts
   * the matching library needs, which the matching indexes cover.
   */
  private columns?: { offer: string; request: string };
  private get entityColumns(): { offer: string; request: string } {
    return (this.columns ??= { offer: selectColumns(this.dataSource, Offer, 'o'), request: selectColumns(this.dataSource, CollaborationRequest, 'r') });
  }

  /**
   * A query straight on the driver's pool (the candidate queries run for every
   * suggestion; the ORM's per-query work is not needed). Unnamed on purpose: Postgres
   * then plans each with its actual values — a generic plan of a prepared statement
   * was measured ten times slower here.
   */
  private async direct<T>(text: string, values: unknown[]): Promise<T> {
    return (await pgPool(this.dataSource).query({ text, values })).rows as T;
  }

  /** Per-partner facts read at one cache version; any committed write to offers or feedback moves it. */
  private memo: PartnerMemo = { version: '', loads: new Map(), feedback: new Map() };

  /** The memo's values for `ids` at the current cache version, reading only the missing ids with `read`. */
  private async perPartner<T>(
    pick: (m: PartnerMemo) => Map<string, T>,
    ids: readonly string[],
    read: (missing: string[]) => Promise<Map<string, T>>,
    none: T,
    at?: string,
  ): Promise<Map<string, T>> {
    const version = at ?? (await this.versions.current());
    if (this.memo.version !== version) this.memo = { version, loads: new Map(), feedback: new Map() };
    const memo = pick(this.memo);
    const missing = [...new Set(ids)].filter((id) => !memo.has(id));
    if (missing.length) {
      const found = await read(missing);
      for (const id of missing) memo.set(id, found.get(id) ?? none);
    }
    return new Map(ids.map((id) => [id, memo.get(id) ?? none]));
  }

  async placesOf(organizationIds: readonly string[]): Promise<Map<string, Placed>> {
    const rows: Array<Placed & { id: string }> = await this.dataSource.query(
      `SELECT id, latitude, longitude, priority, need_index AS "needIndex" FROM organization WHERE id = ANY($1::uuid[])`,
      [[...new Set(organizationIds)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  requestFacts(r: CollaborationRequest, org: Placed | undefined): RequestFacts {
    return {
      ...r,
      place: org?.latitude != null && org.longitude != null ? { latitude: org.latitude, longitude: org.longitude } : null,
      priority: org?.priority ?? false,
      needIndex: org?.needIndex ?? null,
    };
  }

  offerFacts(o: Offer, org: Placed | undefined): OfferFacts {
    return { ...o, place: org?.latitude != null && org.longitude != null ? { latitude: org.latitude, longitude: org.longitude } : null };
  }

  /**
   * One page of published offers that may fit `r` (the SQL pre-filter), as facts, ordered
   * by `bound` — an upper bound of each one's score computed in SQL — then id.
   */
  async candidateOffers(
    r: RequestFacts,
    bound: BoundSql,
    limit: number,
    offset: number,
    focusAreasAny: readonly string[] | null = null,
  ): Promise<Array<Bounded<OfferFacts>>> {
    const params: unknown[] = [
      r.activityType,
      r.earliestDate,
      r.latestDate,
      r.languages,
      r.deliveryModes,
      r.studentAge,
      r.groupSize,
      r.place?.latitude ?? null,
      r.place?.longitude ?? null,
      r.maxTravelKm,
    ];
    const boundSql = bound.sql('o', params);
    params.push(focusAreasAny);
    const focus = `($${params.length}::varchar[] IS NULL OR o.focus_areas && $${params.length}::varchar[])`;
    // Offers serve their own region and the ones they also serve (issue 16); a request whose region is not known is served by all.
    params.push(r.regionCode ?? null);
    const served = `($${params.length}::varchar IS NULL OR o.region_code = $${params.length} OR o.also_serves_region_codes @> ARRAY[$${params.length}::varchar])`;
    const rows: Array<OfferFacts & Placed & { bound: number }> = await this.direct(
      `SELECT o.id, o.organization_id AS "organizationId", o.activity_type AS "activityType", o.status, o.focus_areas AS "focusAreas",
              o.delivery_modes AS "deliveryModes", o.languages, o.capacity, o.capacity_held AS "capacityHeld",
              o.group_size_max AS "groupSizeMax", o.min_student_age AS "minStudentAge", o.available_from::text AS "availableFrom",
              o.available_until::text AS "availableUntil", o.travel_radius_km AS "travelRadiusKm", o.latitude, o.longitude,
              o.region_code AS "regionCode", o.also_serves_region_codes AS "alsoServesRegionCodes", ${boundSql} AS bound
         FROM offer o
        WHERE o.status = 'PUBLISHED' AND o.activity_type = $1 AND o.capacity > o.capacity_held
          AND o.available_from <= $3::date AND o.available_until >= $2::date
          AND o.languages && $4::varchar[] AND o.delivery_modes && $5::varchar[]
          AND ($6::int IS NULL OR o.min_student_age IS NULL OR o.min_student_age <= $6)
          AND ($7::int IS NULL OR o.group_size_max IS NULL OR o.group_size_max >= $7)
          AND ${focus} AND ${served}
          AND ($8::float8 IS NULL OR o.latitude IS NULL
               OR ('REMOTE' = ANY($5::varchar[]) AND 'REMOTE' = ANY(o.delivery_modes))
               OR ('AT_PARTNER' = ANY($5::varchar[]) AND 'AT_PARTNER' = ANY(o.delivery_modes) AND ($10::int IS NULL OR ${within('o', '$10')}))
               OR ('AT_SCHOOL' = ANY($5::varchar[]) AND 'AT_SCHOOL' = ANY(o.delivery_modes) AND (o.travel_radius_km IS NULL OR ${within('o', 'o.travel_radius_km')})))
        ORDER BY bound DESC, o.id LIMIT $${params.push(Math.floor(limit))} OFFSET $${params.push(Math.floor(offset))}`,
      params,
    );
    return rows.map(({ latitude, longitude, bound: b, ...facts }) => ({
      facts: { ...facts, place: latitude != null && longitude != null ? { latitude, longitude } : null },
      bound: b,
    }));
  }

  /** One page of open requests that `o` may fit, as facts, ordered by their score bound, then id. */
  async candidateRequests(o: OfferFacts, bound: BoundSql, limit: number, offset: number): Promise<Array<Bounded<RequestFacts>>> {
    const params: unknown[] = [
      o.activityType,
      o.availableFrom,
      o.availableUntil,
      o.languages,
      o.deliveryModes,
      o.minStudentAge,
      o.groupSizeMax,
      o.place?.latitude ?? null,
      o.place?.longitude ?? null,
      o.travelRadiusKm,
    ];
    const boundSql = bound.sql('r', params);
    // The requests of the regions the offer serves (issue 16); an offer whose region is not known serves all.
    params.push(o.regionCode == null ? null : [o.regionCode, ...(o.alsoServesRegionCodes ?? [])]);
    const served = `($${params.length}::varchar[] IS NULL OR r.region_code = ANY($${params.length}::varchar[]))`;
    const rows: Array<RequestFacts & Placed & { bound: number }> = await this.direct(
      `SELECT r.id, r.organization_id AS "organizationId", r.activity_type AS "activityType", r.status, r.focus_areas AS "focusAreas",
              r.delivery_modes AS "deliveryModes", r.languages, r.quantity, r.quantity_matched AS "quantityMatched",
              r.group_size AS "groupSize", r.student_age AS "studentAge", r.earliest_date::text AS "earliestDate",
              r.latest_date::text AS "latestDate", r.max_travel_km AS "maxTravelKm", r.latitude, r.longitude, g.priority, g.need_index AS "needIndex",
              r.region_code AS "regionCode", ${boundSql} AS bound
         FROM collaboration_request r JOIN organization g ON g.id = r.organization_id
        WHERE r.status IN ('OPEN', 'PARTIALLY_MATCHED') AND r.activity_type = $1 AND r.quantity > r.quantity_matched
          AND r.earliest_date <= $3::date AND r.latest_date >= $2::date
          AND r.languages && $4::varchar[] AND r.delivery_modes && $5::varchar[]
          AND ($6::int IS NULL OR r.student_age IS NULL OR r.student_age >= $6)
          AND ($7::int IS NULL OR r.group_size IS NULL OR r.group_size <= $7)
          AND ${served}
          AND ($8::float8 IS NULL OR r.latitude IS NULL
               OR ('REMOTE' = ANY($5::varchar[]) AND 'REMOTE' = ANY(r.delivery_modes))
               OR ('AT_PARTNER' = ANY($5::varchar[]) AND 'AT_PARTNER' = ANY(r.delivery_modes) AND (r.max_travel_km IS NULL OR ${within('r', 'r.max_travel_km')}))
               OR ('AT_SCHOOL' = ANY($5::varchar[]) AND 'AT_SCHOOL' = ANY(r.delivery_modes) AND ($10::int IS NULL OR ${within('r', '$10')})))
        ORDER BY bound DESC, r.id LIMIT $${params.push(Math.floor(limit))} OFFSET $${params.push(Math.floor(offset))}`,
      params,
    );
    return rows.map(({ latitude, longitude, priority, needIndex, bound: b, ...facts }) => ({
      facts: { ...facts, place: latitude != null && longitude != null ? { latitude, longitude } : null, priority: priority ?? false, needIndex: needIndex ?? null },
      bound: b,
    }));
  }

  async offersByIds(ids: readonly string[]): Promise<Map<string, Offer>> {
    const rows: Offer[] = ids.length ? await this.direct(`SELECT ${this.entityColumns.offer} FROM offer o WHERE o.id = ANY($1::uuid[])`, [ids]) : [];
    return new Map(rows.map((o) => [o.id, o]));
  }

  async requestsByIds(ids: readonly string[]): Promise<Map<string, CollaborationRequest>> {
    const rows: CollaborationRequest[] = ids.length
      ? await this.direct(`SELECT ${this.entityColumns.request} FROM collaboration_request r WHERE r.id = ANY($1::uuid[])`, [ids])
      : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** An allocation round's requests: open ones of a region and activity type that still want units. */
  async openRequestsIn(regionCode: string, activityType: string): Promise<Array<{ request: CollaborationRequest; facts: RequestFacts }>> {
    const rows: Array<CollaborationRequest & Placed> = await this.dataSource.query(
      `SELECT ${this.entityColumns.request}, r.latitude, r.longitude, g.priority, g.need_index AS "needIndex"
         FROM collaboration_request r JOIN organization g ON g.id = r.organization_id
        WHERE r.region_code = $1 AND r.activity_type = $2 AND r.status IN ('OPEN', 'PARTIALLY_MATCHED') AND r.quantity > r.quantity_matched
        ORDER BY r.created_at, r.id`,
      [regionCode, activityType],
    );
    return rows.map(({ latitude, longitude, priority, needIndex, ...request }) => ({
      request: request as CollaborationRequest,
      facts: this.requestFacts(request as CollaborationRequest, { latitude, longitude, priority, needIndex }),
    }));
  }

  /**
   * An allocation round's offers: published ones of an activity type with room left that
   * serve the region — its own and those of other regions that also serve it (issue 16).
   */
  async openOffersIn(regionCode: string, activityType: string): Promise<Array<{ offer: Offer; facts: OfferFacts }>> {
    const rows: Array<Offer & Placed> = await this.dataSource.query(
      `SELECT ${this.entityColumns.offer}, o.latitude, o.longitude
         FROM offer o
        WHERE (o.region_code = $1 OR o.also_serves_region_codes @> ARRAY[$1::varchar]) AND o.activity_type = $2 AND o.status = 'PUBLISHED' AND o.capacity > o.capacity_held
        ORDER BY o.created_at, o.id`,
      [regionCode, activityType],
    );
    return rows.map(({ latitude, longitude, ...offer }) => ({ offer: offer as Offer, facts: this.offerFacts(offer as Offer, { latitude, longitude }) }));
  }

  /**
   * Share of each partner's published capacity already held (0 when it has none), kept
   * per cache version (libs/database CacheVersion): a committed change is seen at once
   * and unchanged partners are not summed again for every suggestion.
   */
  async partnerLoads(organizationIds: readonly string[], version?: string): Promise<Map<string, number>> {
    return this.perPartner(
      (m) => m.loads,
      organizationIds,
      async (missing) => {
        const rows: Array<{ id: string; load: number }> = await this.dataSource.query(
          `SELECT organization_id AS id, coalesce(sum(capacity_held)::float8 / nullif(sum(capacity), 0), 0) AS load
           FROM offer WHERE status = 'PUBLISHED' AND organization_id = ANY($1::uuid[]) GROUP BY organization_id`,
          [missing],
        );
        return new Map(rows.map((r) => [r.id, r.load]));
      },
      0,
      version,
    );
  }

  /**
   * Each school's activities in the last 12 months: its matches approved, scheduled or
   * completed whose start (or, unscheduled, creation) lies within the last 12 months.
   */
  async schoolActivities(organizationIds: readonly string[]): Promise<Map<string, number>> {
    const ids = [...new Set(organizationIds)];
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; n: number }> = await this.direct(
      `SELECT school_id AS id, count(*)::int AS n FROM collaboration_match
        WHERE school_id = ANY($1::uuid[]) AND status IN ('APPROVED', 'SCHEDULED', 'COMPLETED')
          AND coalesce(starts_at, created_at) >= now() - interval '12 months'
        GROUP BY school_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** What schools said of each partner: the mean of their ratings and how many (per cache version, as loads). */
  async partnerFeedback(organizationIds: readonly string[], version?: string): Promise<Map<string, PartnerFeedback>> {
    return this.perPartner(
      (m) => m.feedback,
      organizationIds,
      async (missing) => {
        const rows: Array<{ id: string; average: number; count: number }> = await this.direct(
          `SELECT partner_id AS id, avg(rating)::float8 AS average, count(*)::int AS count
           FROM feedback WHERE side = 'SCHOOL' AND partner_id = ANY($1::uuid[]) GROUP BY partner_id`,
          [missing],
        );
        return new Map<string, PartnerFeedback>(rows.map((r) => [r.id, { average: r.average, count: r.count }]));
      },
      null,
      version,
    );
  }

  /** The score context for a school–partner pair, in `locale`. */
  async contexts(locale: Locale, schools: readonly string[], partners: readonly string[]): Promise<(school: string, partner: string) => ScoreContext> {
    // One version read for both per-partner memos (two concurrent reads would queue one after the other).
    const partnerFacts = this.versions.current().then((v) => Promise.all([this.partnerLoads(partners, v), this.partnerFeedback(partners, v)]));
    const [areas, [loads, feedback], activities] = await Promise.all([this.taxonomy.focusAreas(), partnerFacts, this.schoolActivities(schools)]);
    const parents = new Map(areas.map((a) => [a.code, a.parentCode]));
    const names = new Map(areas.map((a) => [a.code, focusAreaName(a, locale)]));
    return (school, partner) => ({
      locale,
      parents,
      names,
      schoolActivities: activities.get(school) ?? 0,
      partnerLoad: loads.get(partner) ?? 0,
      partnerFeedback: feedback.get(partner) ?? null,
    });
  }
}
