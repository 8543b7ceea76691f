import { Injectable } from '@nestjs/common';
import { CollaborationRequest, Offer } from '@brobygge/catalog';
import { intInRange, Locale } from '@brobygge/core';
import { rank, ScoreFactor } from '@brobygge/matching';
import { MatchingData } from './matching-data';

export interface Suggestion<T> {
  item: T;
  score: number;
  factors: ScoreFactor[];
}

/**
 * Explained suggestions both ways: offers for a request, requests for an offer. The SQL
 * pre-filter narrows the candidates with indexes; the matching library applies every hard
 * rule exactly, scores and ranks (score, then id). The caller has already been allowed to
 * see the item the suggestions are for.
 */
@Injectable()
export class SuggestionsService {
  constructor(private readonly data: MatchingData) {}

  private first(first: number | null | undefined): number {
    return first === null || first === undefined ? 10 : intInRange('first', first, 1, 100);
  }

  async offersFor(request: CollaborationRequest, locale: Locale, first?: number | null): Promise<Array<Suggestion<Offer>>> {
    const n = this.first(first);
    const school = (await this.data.placesOf([request.organizationId])).get(request.organizationId);
    const facts = this.data.requestFacts(request, school);
    const candidates = await this.data.candidateOffers(facts);
    const context = await this.data.contexts(locale, [request.organizationId], candidates.map((c) => c.offer.organizationId));
    return rank(
      candidates.map((c) => ({ id: c.offer.id, ...c })),
      (c) => [facts, c.facts],
      (c) => context(request.organizationId, c.offer.organizationId),
      n,
    ).map((r) => ({ item: r.candidate.offer, score: r.score, factors: r.factors }));
  }

  async requestsFor(offer: Offer, locale: Locale, first?: number | null): Promise<Array<Suggestion<CollaborationRequest>>> {
    const n = this.first(first);
    const partner = (await this.data.placesOf([offer.organizationId])).get(offer.organizationId);
    const facts = this.data.offerFacts(offer, partner);
    const candidates = await this.data.candidateRequests(facts);
    const context = await this.data.contexts(locale, candidates.map((c) => c.request.organizationId), [offer.organizationId]);
    return rank(
      candidates.map((c) => ({ id: c.request.id, ...c })),
      (c) => [c.facts, facts],
      (c) => context(c.request.organizationId, offer.organizationId),
      n,
    ).map((r) => ({ item: r.candidate.request, score: r.score, factors: r.factors }));
  }
}
