/**
 * Suggestions: the eligible candidates, scored, best first — by score, then by id, so the
 * order is the same every time.
 */
import { eligibility } from './eligibility';
import type { OfferFacts, RequestFacts } from './facts';
import { measure, Measured, ScoreContext, ScoreFactor } from './score';

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
  const scored: Array<{ candidate: T; measured: Measured }> = [];
  for (const c of candidates) {
    const [request, offer] = pair(c);
    if (!eligibility(request, offer).eligible) continue;
    scored.push({ candidate: c, measured: measure(request, offer, context(c)) });
  }
  scored.sort((a, b) => b.measured.score - a.measured.score || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0));
  // Explanations only for what is shown.
  return scored.slice(0, Math.max(0, first)).map(({ candidate, measured }) => ({ candidate, score: measured.score, factors: measured.explain() }));
}
