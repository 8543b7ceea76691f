import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Offer } from '@brobygge/catalog';
import { CatalogPolicy, OfferStatus } from '@brobygge/catalog';
import { Outreach, OutreachPolicy, OutreachReads, OutreachService } from '@brobygge/collaboration';
import type { Viewer } from '@brobygge/core';
import type { Organization, User } from '@brobygge/identity';
import { OfferType } from '../catalog/catalog.types';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { Throttled } from '../graphql/throttle';
import { OrganizationType } from '../identity/organization.type';
import { UserType } from '../identity/user.type';
import { OutreachType, ReachOutInput } from './outreach.types';

@Resolver(() => OutreachType)
export class OutreachResolver {
  constructor(private readonly outreach: OutreachService) {}

  @Mutation(() => OutreachType, { description: 'Coordinators of the region; admins. E-mails the school (an unclaimed one: an invitation to claim it).' })
  @Throttled('reachOut')
  @SignedIn()
  async reachOut(@Args('input', { type: () => ReachOutInput }) input: ReachOutInput, @CurrentViewer() viewer: Viewer): Promise<Outreach> {
    return this.outreach.reachOut(viewer, input);
  }

  @ResolveField(() => OrganizationType)
  async organization(@Parent() outreach: Outreach, @Context() ctx: GqlContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(outreach.organizationId))!;
  }

  @ResolveField(() => UserType, { nullable: true })
  async coordinator(@Parent() outreach: Outreach, @Context() ctx: GqlContext): Promise<User | null> {
    return outreach.coordinatorId ? ctx.loaders.user.load(outreach.coordinatorId) : null;
  }

  /** The offers as they are now; one that has since left the catalogue is left out unless the viewer may still see it. */
  @ResolveField(() => [OfferType])
  async suggestedOffers(@Parent() outreach: Outreach, @Context() ctx: GqlContext): Promise<Offer[]> {
    const viewer = await ctx.viewer();
    const offers = await ctx.loaders.offer.loadMany(outreach.offerIds);
    return offers.filter((o): o is Offer => !!o && !(o instanceof Error) && (o.status === OfferStatus.PUBLISHED || CatalogPolicy.isInsider(viewer, o)));
  }
}

/** Organization.outreach: the region's coordinators and admins; FORBIDDEN for everyone else. */
@Resolver(() => OrganizationType)
export class OrganizationOutreachResolver {
  @ResolveField(() => [OutreachType], { description: "Coordinators' outreach to this organisation, newest first (coordinators and admins only; `first` at most 50)." })
  async outreach(
    @Parent() org: Organization,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first?: number,
  ): Promise<Outreach[]> {
    OutreachPolicy.assertMayRead(await ctx.viewer(), org);
    return ctx.loaders.outreachOf(OutreachReads.first(first)).load(org.id);
  }
}
