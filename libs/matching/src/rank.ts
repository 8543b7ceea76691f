/**
 * Suggestions: the eligible candidates, scored, best first — by score, then by id, so the
 * order is the same every time.
 */
import { eligibility } from './eligibility';
import type { OfferFacts, RequestFacts } from './facts';
import { score, ScoreContext, ScoreFactor } from './score';

export interface Ranked<T> {
  candidate: T;
  score: number;
  factors: ScoreFactor[];
}

export function rank<T extends { id: string }>(
  candidates: readonly T[],
  pair: (candidate: T) => [RequestFacts, OfferFacts],
  context: (candidate: T) => ScoreContext,
  first: number,
): Ranked<T>[] {
  const out: Ranked<T>[] = [];
  for (const c of candidates) {
    const [request, offer] = pair(c);
    if (!eligibility(request, offer).eligible) continue;
    const s = score(request, offer, context(c));
    out.push({ candidate: c, score: s.score, factors: s.factors });
  }
  out.sort((a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0));
  return out.slice(0, Math.max(0, first));
}
