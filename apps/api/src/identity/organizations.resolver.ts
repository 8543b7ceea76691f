import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Region } from '@brobygge/catalog';
import { Membership, Organization, OrganizationsService, InvitationsService, User } from '@brobygge/identity';
import { RegionType } from '../catalog/region.type';
import { Connection } from '../graphql/connection';
import type { GqlContext } from '../graphql/context';
import { CreateOrganizationInput, InviteMemberInput, OrganizationFilterInput } from './identity.inputs';
import { OrganizationType } from './organization.type';
import { MembershipType, UserType } from './user.type';
import { Throttled } from '../graphql/throttle';

const OrganizationConnection = Connection(OrganizationType, 'Organization');

@Resolver(() => OrganizationType)
export class OrganizationsResolver {
  constructor(
    private readonly directory: OrganizationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Mutation(() => OrganizationType, { description: 'The caller becomes its OWNER. New organisations are unverified.' })
  @Throttled('createOrganization')
  async createOrganization(@Args('input', { type: () => CreateOrganizationInput }) input: CreateOrganizationInput, @Context() ctx: GqlContext) {
    return this.directory.create(await ctx.viewer(), input);
  }

  @Query(() => OrganizationType, { nullable: true })
  async organization(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext): Promise<Organization> {
    return this.directory.get(await ctx.viewer(), id);
  }

  @Query(() => OrganizationConnection, { description: 'The directory, by name. `first` is at most 100.' })
  async organizations(
    @Context() ctx: GqlContext,
    @Args('filter', { type: () => OrganizationFilterInput, nullable: true }) filter?: OrganizationFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.directory.list(await ctx.viewer(), filter ?? {}, first, after);
  }

  @Mutation(() => OrganizationType, { description: "A coordinator of the organisation's region, or an admin." })
  async verifyOrganization(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    return this.directory.verify(await ctx.viewer(), id);
  }

  @Mutation(() => OrganizationType, { description: "Equity priority for a school: a coordinator of its region, or an admin." })
  async setOrganizationPriority(
    @Args('id', { type: () => ID }) id: string,
    @Args('priority', { type: () => Boolean }) priority: boolean,
    @Context() ctx: GqlContext,
  ) {
    return this.directory.setPriority(await ctx.viewer(), id, priority);
  }

  @Mutation(() => UserType, { description: 'Admins: adds coordinator rights in the given regions.' })
  async grantCoordinator(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('regionCodes', { type: () => [ID] }) regionCodes: string[],
    @Context() ctx: GqlContext,
  ): Promise<User> {
    return this.directory.grantCoordinator(await ctx.viewer(), userId, regionCodes);
  }

  @Mutation(() => Boolean, { description: 'Owners: e-mails a one-time invitation (valid 7 days).' })
  @Throttled('invite')
  async inviteMember(@Args('input', { type: () => InviteMemberInput }) input: InviteMemberInput, @Context() ctx: GqlContext) {
    return this.invitations.invite(await ctx.viewer(), input);
  }

  @Mutation(() => MembershipType, { description: 'Joins the organisation, for the signed-in user the invitation was sent to.' })
  async acceptInvitation(@Args('token', { type: () => String }) token: string, @Context() ctx: GqlContext): Promise<Membership> {
    return this.invitations.accept(await ctx.viewer(), token);
  }

  @ResolveField(() => RegionType)
  async region(@Parent() org: Organization, @Context() ctx: GqlContext): Promise<Region> {
    return (await ctx.loaders.region.load(org.regionCode))!;
  }
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  @ResolveField(() => OrganizationType)
  async organization(@Parent() membership: Membership, @Context() ctx: GqlContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(membership.organizationId))!;
  }
}
