import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { CollaborationRequest, Offer } from '@brobygge/catalog';
import { Match, MatchEvent, MatchLifecycle, MatchReads } from '@brobygge/collaboration';
import type { User } from '@brobygge/identity';
import { OfferType, RequestType } from '../catalog/catalog.types';
import { Connection } from '../graphql/connection';
import type { GqlContext } from '../graphql/context';
import { UserType } from '../identity/user.type';
import { MatchEventType, MatchFilterInput, MatchType, ProposeMatchInput } from './collaboration.types';
import { Throttled } from '../graphql/throttle';

const MatchConnection = Connection(MatchType, 'Match');

/** The match workflow (RULES.md): who may call what is decided in MatchLifecycle / MatchPolicy; reads in MatchReads. */
@Resolver(() => MatchType)
export class MatchesResolver {
  constructor(
    private readonly reads: MatchReads,
    private readonly lifecycle: MatchLifecycle,
  ) {}

  @Query(() => MatchType, { nullable: true })
  async match(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.reads.get(await ctx.viewer(), id);
  }

  @Query(() => MatchConnection, { description: 'Newest first: the matches of your organisations, or of your regions as a coordinator.' })
  async matches(
    @Context() ctx: GqlContext,
    @Args('filter', { type: () => MatchFilterInput, nullable: true }) filter?: MatchFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.reads.list(await ctx.viewer(), filter ?? {}, first, after);
  }

  @Mutation(() => MatchType, { description: "A member of the request's school, of the offer's organisation, or a coordinator of the request's region." })
  @Throttled('propose')
  async proposeMatch(@Args('input', { type: () => ProposeMatchInput }) input: ProposeMatchInput, @Context() ctx: GqlContext) {
    return this.lifecycle.propose(await ctx.viewer(), input);
  }

  @Mutation(() => MatchType, { description: 'The side that has not yet accepted.' })
  async acceptMatch(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('message', { type: () => String, nullable: true }) message?: string) {
    return this.lifecycle.accept(await ctx.viewer(), id, message);
  }

  @Mutation(() => MatchType, { description: 'The side that has not yet accepted.' })
  async declineMatch(@Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String }) reason: string, @Context() ctx: GqlContext) {
    return this.lifecycle.decline(await ctx.viewer(), id, reason);
  }

  @Mutation(() => MatchType, { description: "Coordinators of the request's region, admins." })
  async approveMatch(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('comment', { type: () => String, nullable: true }) comment?: string) {
    return this.lifecycle.approve(await ctx.viewer(), id, comment);
  }

  @Mutation(() => MatchType, { description: "Coordinators of the request's region, admins." })
  async rejectMatch(@Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String }) reason: string, @Context() ctx: GqlContext) {
    return this.lifecycle.reject(await ctx.viewer(), id, reason);
  }

  @Mutation(() => MatchType, { description: 'Members of either side; also reschedules.' })
  async scheduleMatch(
    @Args('id', { type: () => ID }) id: string,
    @Args('startsAt', { type: () => GraphQLISODateTime }) startsAt: Date,
    @Args('endsAt', { type: () => GraphQLISODateTime }) endsAt: Date,
    @Context() ctx: GqlContext,
  ) {
    return this.lifecycle.schedule(await ctx.viewer(), id, startsAt, endsAt);
  }

  @Mutation(() => MatchType, { description: 'Members of either side, coordinators of the region, admins.' })
  async cancelMatch(@Args('id', { type: () => ID }) id: string, @Args('reason', { type: () => String }) reason: string, @Context() ctx: GqlContext) {
    return this.lifecycle.cancel(await ctx.viewer(), id, reason);
  }

  @Mutation(() => MatchType, { description: 'Members of either side, once the match has started.' })
  async completeMatch(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.lifecycle.complete(await ctx.viewer(), id);
  }

  @ResolveField(() => RequestType)
  async request(@Parent() match: Match, @Context() ctx: GqlContext): Promise<CollaborationRequest> {
    return (await ctx.loaders.request.load(match.requestId))!;
  }

  @ResolveField(() => OfferType)
  async offer(@Parent() match: Match, @Context() ctx: GqlContext): Promise<Offer> {
    return (await ctx.loaders.offer.load(match.offerId))!;
  }

  @ResolveField(() => [MatchEventType], { description: 'Every transition, oldest first.' })
  history(@Parent() match: Match, @Context() ctx: GqlContext): Promise<MatchEvent[]> {
    return ctx.loaders.matchHistory.load(match.id);
  }
}

@Resolver(() => MatchEventType)
export class MatchEventResolver {
  @ResolveField(() => UserType, { nullable: true, description: 'Null for the system and for erased accounts.' })
  async actor(@Parent() event: MatchEvent, @Context() ctx: GqlContext): Promise<User | null> {
    if (!event.actorId) return null;
    const user = await ctx.loaders.user.load(event.actorId);
    return user && user.email !== null ? user : null;
  }
}

/** CollaborationRequest.matches: the ones the viewer may see. */
@Resolver(() => RequestType)
export class RequestMatchesResolver {
  @ResolveField(() => [MatchType])
  async matches(@Parent() request: CollaborationRequest, @Context() ctx: GqlContext): Promise<Match[]> {
    return ctx.loaders.matchesOf(await ctx.viewer()).load(request);
  }
}
