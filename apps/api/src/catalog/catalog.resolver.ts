import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  CollaborationRequest,
  FocusArea,
  isPublicListing,
  Offer,
  OffersService,
  PUBLIC_OFFER_STATUSES,
  PUBLIC_REQUEST_STATUSES,
  Region,
  RequestsService,
} from '@brobygge/catalog';
import type { Organization } from '@brobygge/identity';
import { Connection } from '../graphql/connection';
import type { GqlContext } from '../graphql/context';
import { OrganizationType } from '../identity/organization.type';
import { CreateOfferInput, CreateRequestInput, OfferFilterInput, RequestFilterInput, UpdateOfferInput, UpdateRequestInput } from './catalog.inputs';
import { OfferType, RequestType } from './catalog.types';
import { FocusAreaType } from './focus-area.type';
import { RegionType } from './region.type';

const OfferConnection = Connection(OfferType, 'Offer');
const RequestConnection = Connection(RequestType, 'Request');

async function focusAreasOf(codes: string[], ctx: GqlContext): Promise<FocusArea[]> {
  return (await ctx.loaders.focusArea.loadMany(codes)).filter((a): a is FocusArea => !!a && !(a instanceof Error));
}

@Resolver(() => OfferType)
export class OffersResolver {
  constructor(private readonly offerService: OffersService) {}

  @Mutation(() => OfferType, { description: 'A DRAFT offer; members of a non-school organisation.' })
  async createOffer(@Args('input', { type: () => CreateOfferInput }) input: CreateOfferInput, @Context() ctx: GqlContext) {
    return this.offerService.create(await ctx.viewer(), input);
  }

  @Mutation(() => OfferType)
  async updateOffer(@Args('id', { type: () => ID }) id: string, @Args('input', { type: () => UpdateOfferInput }) input: UpdateOfferInput, @Context() ctx: GqlContext) {
    return this.offerService.update(await ctx.viewer(), id, input);
  }

  @Mutation(() => OfferType, { description: 'DRAFT or PAUSED → PUBLISHED; the organisation must be verified.' })
  async publishOffer(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.offerService.move(await ctx.viewer(), id, 'publish');
  }

  @Mutation(() => OfferType, { description: 'PUBLISHED → PAUSED.' })
  async pauseOffer(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.offerService.move(await ctx.viewer(), id, 'pause');
  }

  @Mutation(() => OfferType, { description: 'Any state but ARCHIVED → ARCHIVED (final).' })
  async archiveOffer(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.offerService.move(await ctx.viewer(), id, 'archive');
  }

  @Query(() => OfferType, { nullable: true })
  async offer(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.offerService.get(await ctx.viewer(), id);
  }

  @Query(() => OfferConnection, { description: 'Newest first; filters combine with AND. `first` is at most 100.' })
  async offers(
    @Context() ctx: GqlContext,
    @Args('filter', { type: () => OfferFilterInput, nullable: true }) filter?: OfferFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.offerService.list(await listViewer(ctx, filter, PUBLIC_OFFER_STATUSES), filter ?? {}, first, after);
  }

  @ResolveField(() => OrganizationType)
  async organization(@Parent() offer: Offer, @Context() ctx: GqlContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(offer.organizationId))!;
  }

  @ResolveField(() => [FocusAreaType])
  focusAreas(@Parent() offer: Offer, @Context() ctx: GqlContext): Promise<FocusArea[]> {
    return focusAreasOf(offer.focusAreas, ctx);
  }

  /** Through the region loader (reference data kept in memory): no query per offer. */
  @ResolveField(() => [RegionType])
  async alsoServesRegions(@Parent() offer: Offer, @Context() ctx: GqlContext): Promise<Region[]> {
    return (await ctx.loaders.region.loadMany(offer.alsoServesRegionCodes ?? [])).filter((r): r is Region => !!r && !(r instanceof Error));
  }

  @ResolveField(() => Int)
  remainingCapacity(@Parent() offer: Offer): number {
    return offer.capacity - offer.capacityHeld;
  }
}

@Resolver(() => RequestType)
export class RequestsResolver {
  constructor(private readonly requestService: RequestsService) {}

  @Mutation(() => RequestType, { description: 'Members of a school, or a coordinator of its region on its behalf (its members are told).' })
  async createRequest(@Args('input', { type: () => CreateRequestInput }) input: CreateRequestInput, @Context() ctx: GqlContext) {
    return this.requestService.create(await ctx.viewer(), input);
  }

  @Mutation(() => RequestType)
  async updateRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateRequestInput }) input: UpdateRequestInput,
    @Context() ctx: GqlContext,
  ) {
    return this.requestService.update(await ctx.viewer(), id, input);
  }

  @Mutation(() => RequestType)
  async cancelRequest(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('reason', { type: () => String, nullable: true }) reason?: string) {
    return this.requestService.cancel(await ctx.viewer(), id, reason);
  }

  @Query(() => RequestType, { nullable: true })
  async request(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.requestService.get(await ctx.viewer(), id);
  }

  @Query(() => RequestConnection, { description: 'Newest first; filters combine with AND. `first` is at most 100.' })
  async requests(
    @Context() ctx: GqlContext,
    @Args('filter', { type: () => RequestFilterInput, nullable: true }) filter?: RequestFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.requestService.list(await listViewer(ctx, filter, PUBLIC_REQUEST_STATUSES), filter ?? {}, first, after);
  }

  @ResolveField(() => OrganizationType)
  async organization(@Parent() request: CollaborationRequest, @Context() ctx: GqlContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(request.organizationId))!;
  }

  @ResolveField(() => [FocusAreaType])
  focusAreas(@Parent() request: CollaborationRequest, @Context() ctx: GqlContext): Promise<FocusArea[]> {
    return focusAreasOf(request.focusAreas, ctx);
  }
}

/**
 * The viewer for a list: a list of public statuses only is the same for everyone signed
 * in, so its answer may be cached (response-cache.ts); any other list is personal.
 */
function listViewer(ctx: GqlContext, filter: { statuses?: string[] | null } | undefined, publicStatuses: readonly string[]) {
  if (!isPublicListing(filter ?? {}, publicStatuses)) return ctx.viewer();
  ctx.cache.cacheable = true;
  return ctx.publicViewer();
}
