import { Injectable } from '@nestjs/common';
import { CollaborationRequest, Offer, TaxonomyService } from '@brobygge/catalog';
import { intInRange, Locale } from '@brobygge/core';
import { OfferFacts, rank, Ranked, RequestFacts, ScoreContext, ScoreFactor } from '@brobygge/matching';
import { Bounded, BoundSql, MatchingData } from './matching-data';
import { boundForDistantFocusAreas, closeFocusAreas, offerBound, requestBound } from './score-bounds';

export interface Suggestion<T> {
  item: T;
  score: number;
  factors: ScoreFactor[];
}

/**
 * Candidates read per round trip. The database's work is in filtering and bounding every
 * candidate, not in returning them, so one generous page settles nearly every request.
 */
const PAGE = 300;

/**
 * Explained suggestions both ways: offers for a request, requests for an offer. The SQL
 * pre-filter narrows the candidates with indexes and orders them by an upper bound of
 * their score (score-bounds.ts), those with focus areas close to the request's first;
 * the matching library applies every hard rule exactly and
 * scores. Reading stops once the `first` best exact scores beat the bound of everything
 * not yet read, so the answer is the exact top of all candidates, ordered by score, then
 * id. The caller has already been allowed to see the item the suggestions are for.
 */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly data: MatchingData,
    private readonly taxonomy: TaxonomyService,
  ) {}

  private first(first: number | null | undefined): number {
    return first === null || first === undefined ? 10 : intInRange('first', first, 1, 100);
  }

  private async parents(): Promise<Map<string, string | null>> {
    return new Map((await this.taxonomy.focusAreas()).map((a) => [a.code, a.parentCode]));
  }

  /** Exact top-n over bound-ordered pages of candidates. */
  private async topByBound<F extends { id: string }>(
    n: number,
    page: (limit: number, offset: number) => Promise<Array<Bounded<F>>>,
    score: (candidates: F[]) => Promise<Array<Ranked<F>>>,
  ): Promise<Array<Ranked<F>>> {
    const read: F[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const rows = await page(PAGE, offset);
      read.push(...rows.map((r) => r.facts));
      const ranked = await score(read);
      const unread = rows.length < PAGE ? -Infinity : rows[rows.length - 1].bound;
      if (unread === -Infinity || (ranked.length === n && ranked[n - 1].score > unread)) return ranked;
    }
  }

  async offersFor(request: CollaborationRequest, locale: Locale, first?: number | null): Promise<Array<Suggestion<Offer>>> {
    const n = this.first(first);
    const school = (await this.data.placesOf([request.organizationId])).get(request.organizationId);
    const facts = this.data.requestFacts(request, school);
    const activities = (await this.data.schoolActivities([request.organizationId])).get(request.organizationId) ?? 0;
    const parents = await this.parents();
    const bound: BoundSql = offerBound(facts, parents, activities);
    const score = async (offers: OfferFacts[]) => {
      const context = await this.data.contexts(
        locale,
        [request.organizationId],
        offers.map((o) => o.organizationId),
      );
      return rank(
        offers,
        (o) => [facts, o],
        (o): ScoreContext => context(request.organizationId, o.organizationId),
        n,
      );
    };
    // First the offers with focus areas close to the request's; when their best already
    // beat anything a more distant offer could score, the others need not be read.
    const close = closeFocusAreas(facts, parents);
    let top = await this.topByBound<OfferFacts>(n, (limit, offset) => this.data.candidateOffers(facts, bound, limit, offset, close), score);
    if (top.length < n || top[n - 1].score <= boundForDistantFocusAreas(facts, activities)) {
      top = await this.topByBound<OfferFacts>(n, (limit, offset) => this.data.candidateOffers(facts, bound, limit, offset), score);
    }
    const full = await this.data.offersByIds(top.map((t) => t.candidate.id));
    return top.map((t) => ({ item: full.get(t.candidate.id)!, score: t.score, factors: t.factors }));
  }

  async requestsFor(offer: Offer, locale: Locale, first?: number | null): Promise<Array<Suggestion<CollaborationRequest>>> {
    const n = this.first(first);
    const partner = (await this.data.placesOf([offer.organizationId])).get(offer.organizationId);
    const facts = this.data.offerFacts(offer, partner);
    const load = (await this.data.partnerLoads([offer.organizationId])).get(offer.organizationId) ?? 0;
    const bound = requestBound(facts, await this.parents(), load);
    const top = await this.topByBound<RequestFacts>(
      n,
      (limit, offset) => this.data.candidateRequests(facts, bound, limit, offset),
      async (requests) => {
        const context = await this.data.contexts(
          locale,
          requests.map((r) => r.organizationId),
          [offer.organizationId],
        );
        return rank(
          requests,
          (r) => [r, facts],
          (r) => context(r.organizationId, offer.organizationId),
          n,
        );
      },
    );
    const full = await this.data.requestsByIds(top.map((t) => t.candidate.id));
    return top.map((t) => ({ item: full.get(t.candidate.id)!, score: t.score, factors: t.factors }));
  }
}
