/**
 * How well an eligible pair fits, 0–100, with each term explained in the viewer's
 * language. score = 100 × Σ(weight × value) / Σ(weight) over the factors present (past
 * feedback only counts when there is some); every value lies in 0..1.
 */
import { workableModes } from './eligibility';
import { daysBetween, Locale, OfferFacts, overlapDays, RequestFacts } from './facts';
import { FactorMessages, MESSAGES } from './messages';

export interface Weights {
  focusArea: number;
  distance: number;
  dates: number;
  equity: number;
  spread: number;
  feedback: number;
}

/** The one place the weights live (RULES.md: configuration, not literals in code). */
export const DEFAULT_WEIGHTS: Readonly<Weights> = Object.freeze({ focusArea: 35, distance: 15, dates: 15, equity: 15, spread: 10, feedback: 10 });

export interface ScoreContext {
  locale: Locale;
  /** Each focus-area code's parent direction (null for a direction). */
  parents: ReadonlyMap<string, string | null>;
  /** Focus-area names in `locale`, for the explanations (the code when missing). */
  names?: ReadonlyMap<string, string>;
  /** The school's activities (matches approved, scheduled or completed) in the last 12 months. */
  schoolActivities: number;
  /** Share of the partner's published capacity already held, 0..1. */
  partnerLoad: number;
  /** Past feedback on the partner, when any. */
  partnerFeedback: { average: number; count: number } | null;
  weights?: Readonly<Weights>;
  /** Where the distance factor reaches 0 when neither side set a limit (km). */
  distanceHorizonKm?: number;
}

export interface ScoreFactor {
  factor: keyof Weights;
  weight: number;
  value: number;
  explanation: string;
}

export interface Scored {
  score: number;
  factors: ScoreFactor[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How closely two focus areas relate: same 1, direction and its subject 0.5, two subjects of one direction 0.25. */
export function focusAreaAffinity(a: string, b: string, parents: ReadonlyMap<string, string | null>): number {
  if (a === b) return 1;
  const pa = parents.get(a) ?? null;
  const pb = parents.get(b) ?? null;
  if (pa === b || pb === a) return 0.5;
  if (pa !== null && pa === pb) return 0.25;
  return 0;
}

/**
 * The equity factor, 0..1: half for a priority school plus half shrinking with the
 * school's recent activities (1 / (1 + activities)); then a known need index n (0–100)
 * closes n/200 of what is left up to 1 — a need of 100 counts as much as priority does for
 * a school with many activities, and still lifts a priority school. Unknown need: no change.
 * Rises with need and priority and falls with activities, so the bounds in SQL that take
 * it at its best (no activities) stay bounds.
 */
export function equityValue(priority: boolean, needIndex: number | null | undefined, schoolActivities: number): number {
  const base = (priority ? 0.5 : 0) + 0.5 / (1 + Math.max(0, schoolActivities));
  const need = needIndex === null || needIndex === undefined || !Number.isFinite(needIndex) ? 0 : clamp01(needIndex / 100);
  return base + ((1 - base) * need) / 2;
}

/** A score whose explanations are written only when asked for (ranking scores many, shows few). */
export interface Measured {
  score: number;
  explain(): ScoreFactor[];
}

/**
 * The focus areas related to `code` by affinity (see focusAreaAffinity): 0.5 — its
 * direction, or a direction's subjects; 0.25 — the other subjects of its direction.
 * Lets a database compute the same affinity with array overlaps.
 */
export function affinitySets(code: string, parents: ReadonlyMap<string, string | null>): { half: string[]; quarter: string[] } {
  const half: string[] = [];
  const quarter: string[] = [];
  for (const other of parents.keys()) {
    if (other === code) continue;
    const a = focusAreaAffinity(code, other, parents);
    if (a === 0.5) half.push(other);
    else if (a === 0.25) quarter.push(other);
  }
  return { half, quarter };
}

export function score(request: RequestFacts, offer: OfferFacts, ctx: ScoreContext): Scored {
  const m = measure(request, offer, ctx);
  return { score: m.score, factors: m.explain() };
}

export function measure(request: RequestFacts, offer: OfferFacts, ctx: ScoreContext): Measured {
  const w = ctx.weights ?? DEFAULT_WEIGHTS;
  const name = (code: string) => ctx.names?.get(code) ?? code;
  const factors: Array<{ factor: keyof Weights; weight: number; value: number; say: (t: FactorMessages) => string }> = [];
  const add = (factor: keyof Weights, value: number, say: (t: FactorMessages) => string) =>
    factors.push({ factor, weight: w[factor], value: round(clamp01(value), 3), say });

  // Focus areas: for each of the request's areas, the best relation to one of the offer's.
  const exact: string[] = [];
  const related: string[] = [];
  let sum = 0;
  for (const q of request.focusAreas) {
    let best = 0;
    let bestArea = '';
    for (const o of offer.focusAreas) {
      const a = focusAreaAffinity(q, o, ctx.parents);
      if (a > best) [best, bestArea] = [a, o];
    }
    sum += best;
    if (best === 1) exact.push(name(q));
    else if (best > 0) related.push(name(bestArea));
  }
  add('focusArea', request.focusAreas.length ? sum / request.focusAreas.length : 0, (t) => t.focus(exact, related, request.focusAreas.length));

  // Distance: only for modes where someone travels.
  const { workable, km } = workableModes(request, offer);
  const physical = workable.filter((m) => m !== 'REMOTE');
  if (physical.length === 0 && workable.includes('REMOTE')) {
    add('distance', 1, (t) => t.remote());
  } else if (km === null) {
    add('distance', 0.5, (t) => t.distanceUnknown());
  } else {
    const limits = physical
      .map((m) => (m === 'AT_SCHOOL' ? offer.travelRadiusKm : m === 'AT_PARTNER' ? request.maxTravelKm : null))
      .filter((x): x is number => x !== null && x > 0);
    const horizon = limits.length ? Math.max(...limits) : (ctx.distanceHorizonKm ?? 50);
    add('distance', 1 - km / horizon, (t) => t.distance(km));
  }

  // Dates: how much of the school's window the offer covers.
  const wanted = daysBetween(request.earliestDate, request.latestDate) + 1;
  const shared = overlapDays(request.earliestDate, request.latestDate, offer.availableFrom, offer.availableUntil);
  add('dates', wanted > 0 ? shared / wanted : 0, (t) => t.dates(shared, wanted));

  // Equity: priority schools, schools in greater need and schools with little activity come first.
  const need = request.needIndex ?? null;
  add('equity', equityValue(request.priority, need, ctx.schoolActivities), (t) => t.equity(request.priority, ctx.schoolActivities, need));

  // Partner spread: partners already heavily booked score lower.
  add('spread', 1 - clamp01(ctx.partnerLoad), (t) => t.spread(clamp01(ctx.partnerLoad)));

  const feedback = ctx.partnerFeedback;
  if (feedback && feedback.count > 0) {
    add('feedback', (feedback.average - 1) / 4, (t) => t.feedback(feedback.average, feedback.count));
  }

  const totalWeight = factors.reduce((s, f) => s + f.weight, 0);
  const value = totalWeight > 0 ? (100 * factors.reduce((s, f) => s + f.weight * f.value, 0)) / totalWeight : 0;
  return {
    score: round(value, 1),
    explain: () => {
      const t = MESSAGES[ctx.locale] ?? MESSAGES.en;
      return factors.map(({ factor, weight, value: v, say }) => ({ factor, weight, value: v, explanation: say(t) }));
    },
  };
}

/** The allocator's integer score (0..1000) for a 0–100 score. */
export function allocationScore(score: number): number {
  return Math.max(0, Math.min(1000, Math.round(score * 10)));
}
