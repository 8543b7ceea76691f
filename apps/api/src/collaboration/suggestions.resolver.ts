import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CollaborationRequest, Offer } from '@brobygge/catalog';
import { SuggestionsService } from '@brobygge/collaboration';
import { requireSignedIn } from '@brobygge/core';
import { OfferType, RequestType } from '../catalog/catalog.types';
import type { GqlContext } from '../graphql/context';
import { OfferSuggestionType, RequestSuggestionType } from './collaboration.types';

const FIRST = { type: () => Int, nullable: true, defaultValue: 10, description: 'At most 100.' } as const;

/** Offers that fit a request, explained (anyone who may see the request). */
@Resolver(() => RequestType)
export class RequestSuggestionsResolver {
  constructor(private readonly service: SuggestionsService) {}

  @ResolveField(() => [OfferSuggestionType], { description: 'Offers that fit, best first (score, then id); never one that breaks a hard rule.' })
  async suggestions(@Parent() request: CollaborationRequest, @Context() ctx: GqlContext, @Args('first', FIRST) first?: number) {
    requireSignedIn(await ctx.viewer());
    const found = await this.service.offersFor(request, await ctx.locale(), first);
    return found.map((s) => ({ offer: s.item, score: s.score, factors: s.factors }));
  }
}

/** Requests that an offer fits, explained (anyone who may see the offer). */
@Resolver(() => OfferType)
export class OfferSuggestionsResolver {
  constructor(private readonly suggestions: SuggestionsService) {}

  @ResolveField(() => [RequestSuggestionType], { description: 'Open requests this offer fits, best first (score, then id).' })
  async suggestedRequests(@Parent() offer: Offer, @Context() ctx: GqlContext, @Args('first', FIRST) first?: number) {
    requireSignedIn(await ctx.viewer());
    const found = await this.suggestions.requestsFor(offer, await ctx.locale(), first);
    return found.map((s) => ({ request: s.item, score: s.score, factors: s.factors }));
  }
}
