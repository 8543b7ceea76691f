/**
 * Upper bounds of the matching score, in SQL, so that the database can order candidates
 * by what they could at best score and the service can stop reading once no remaining
 * candidate can reach the top (exact top-k; see SuggestionsService).
 *
 * The bound mirrors libs/matching `score`: focus-area affinity and date overlap exactly,
 * equity exactly when it depends on the fixed side and at its best otherwise, distance
 * and partner spread at their best (1) unless known, and past feedback either absent or
 * perfect — whichever is higher after the weights are renormalised.
 */
import { affinitySets, DEFAULT_WEIGHTS, equityValue, focusAreaAffinity, OfferFacts, RequestFacts, Weights } from '@brobygge/matching';
import type { BoundSql } from './matching-data';

/** Margin for the score's rounding (values to 3 decimals, score to 1). */
export const BOUND_MARGIN = 0.1;

/**
 * 100 × the weighted mean, with or without a perfect feedback term, whichever is higher:
 * with all values ≤ 1 that is (S + f) / (W + f) when S < W, else S / W.
 */
function normalised(w: Weights, sum: string): string {
  const base = w.focusArea + w.distance + w.dates + w.equity + w.spread;
  const s = `(${sum})`;
  return w.feedback > 0
    ? `(100::float8 * (${s} + ${w.feedback}::float8) / ${base + w.feedback}::float8 + ${BOUND_MARGIN}::float8)`
    : `(100::float8 * ${s} / ${base}::float8 + ${BOUND_MARGIN}::float8)`;
}

const param = (params: unknown[], value: unknown) => {
  params.push(value);
  return `$${params.length}`;
};

/**
 * The distance factor at its best: 1 when a place is unknown or both sides allow REMOTE;
 * else the north–south distance alone (a lower bound of the real one) against the
 * largest horizon the score could use.
 */
function distanceBound(a: string, params: unknown[], latitude: number | null, modes: readonly string[], fixedLimit: number | null, otherLimit: string): string {
  if (latitude === null) return '1::float8';
  const remote = modes.includes('REMOTE') ? `'REMOTE' = ANY(${a}.delivery_modes) OR ` : '';
  const horizon = `greatest(50, coalesce(${otherLimit}, 0), ${param(params, fixedLimit ?? 0)}::int)::float8`;
  return `(CASE WHEN ${remote}${a}.latitude IS NULL THEN 1::float8
               ELSE greatest(0::float8, 1::float8 - abs(${a}.latitude - ${param(params, latitude)}::float8) * 111 / ${horizon}) END)`;
}

/** Bound for offers suggested to a request: the request's focus areas and dates are fixed. */
export function offerBound(r: RequestFacts, parents: ReadonlyMap<string, string | null>, schoolActivities: number, w: Weights = DEFAULT_WEIGHTS): BoundSql {
  const wanted = Math.max(1, Math.round((Date.parse(r.latestDate) - Date.parse(r.earliestDate)) / 86_400_000) + 1);
  const equity = equityValue(r.priority, r.needIndex, schoolActivities);
  return {
    sql: (a, params) => {
      const terms = r.focusAreas.map((q) => {
        const { half, quarter } = affinitySets(q, parents);
        return `CASE WHEN ${a}.focus_areas && ${param(params, [q])}::varchar[] THEN 1::float8
                     WHEN ${a}.focus_areas && ${param(params, half)}::varchar[] THEN 0.5::float8
                     WHEN ${a}.focus_areas && ${param(params, quarter)}::varchar[] THEN 0.25::float8 ELSE 0::float8 END`;
      });
      const focus = terms.length ? `(${terms.join(' + ')}) / ${terms.length}::float8` : '0::float8';
      const dates = `greatest(0, least(${a}.available_until, ${param(params, r.latestDate)}::date) - greatest(${a}.available_from, ${param(params, r.earliestDate)}::date) + 1)::float8 / ${param(params, wanted)}::float8`;
      return normalised(
        w,
        `${w.focusArea} * (${focus}) + ${w.dates} * (${dates}) + ${w.distance} * ${distanceBound(a, params, r.place?.latitude ?? null, r.deliveryModes, r.maxTravelKm, `${a}.travel_radius_km`)} + ${param(params, w.equity * equity)}::float8 + ${w.spread}`,
      );
    },
  };
}

/**
 * The focus areas close to the request's: each of them, and for each its direction or
 * its subjects (affinity ≥ 0.5). Offers naming none of these are "distant".
 */
export function closeFocusAreas(r: RequestFacts, parents: ReadonlyMap<string, string | null>): string[] {
  return [...new Set(r.focusAreas.flatMap((q) => [q, ...affinitySets(q, parents).half]))];
}

/**
 * The best score a distant offer (see closeFocusAreas) could reach: each of the request's
 * areas then relates to it at most as two subjects of one direction do (0.25).
 */
export function boundForDistantFocusAreas(r: RequestFacts, schoolActivities: number, w: Weights = DEFAULT_WEIGHTS): number {
  const equity = equityValue(r.priority, r.needIndex, schoolActivities);
  const sum = w.focusArea * 0.25 + w.dates + w.distance + w.equity * equity + w.spread;
  const base = w.focusArea + w.distance + w.dates + w.equity + w.spread;
  return 100 * Math.max(sum / base, (sum + w.feedback) / (base + w.feedback)) + BOUND_MARGIN;
}

/** Bound for requests suggested to an offer: the offer's focus areas, dates and partner are fixed. */
export function requestBound(o: OfferFacts, parents: ReadonlyMap<string, string | null>, partnerLoad: number, w: Weights = DEFAULT_WEIGHTS): BoundSql {
  // For each code a request might name: its best affinity to one of the offer's areas.
  const best = new Map([...parents.keys()].map((code) => [code, Math.max(0, ...o.focusAreas.map((mine) => focusAreaAffinity(code, mine, parents)))]));
  const withValue = (v: number) => [...best].filter(([, b]) => b === v).map(([c]) => c);
  const spread = 1 - Math.min(1, Math.max(0, partnerLoad));
  return {
    sql: (a, params) => {
      const focus = `(SELECT coalesce(avg(CASE WHEN x = ANY(${param(params, withValue(1))}::varchar[]) THEN 1::float8
                                              WHEN x = ANY(${param(params, withValue(0.5))}::varchar[]) THEN 0.5::float8
                                              WHEN x = ANY(${param(params, withValue(0.25))}::varchar[]) THEN 0.25::float8 ELSE 0::float8 END), 0::float8)
                        FROM unnest(${a}.focus_areas) AS x)`;
      const dates = `greatest(0, least(${a}.latest_date, ${param(params, o.availableUntil)}::date) - greatest(${a}.earliest_date, ${param(params, o.availableFrom)}::date) + 1)::float8
                     / greatest(1, ${a}.latest_date - ${a}.earliest_date + 1)`;
      // equityValue at its best (no activities): 1 for a priority school, else 0.5 + 0.5 × need / 200.
      const equity = `(CASE WHEN g.priority THEN 1::float8 ELSE 0.5::float8 + coalesce(g.need_index, 0::float8) / 400::float8 END)`;
      return normalised(
        w,
        `${w.focusArea} * ${focus} + ${w.dates} * (${dates}) + ${w.distance} * ${distanceBound(a, params, o.place?.latitude ?? null, o.deliveryModes, o.travelRadiusKm, `${a}.max_travel_km`)} + ${w.equity} * ${equity} + ${param(params, w.spread * spread)}::float8`,
      );
    },
  };
}
