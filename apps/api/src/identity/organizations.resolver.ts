import { Args, Context, Float, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Region } from '@brobygge/catalog';
import type { Viewer } from '@brobygge/core';
import type { ContactPerson } from '@brobygge/identity';
import { IdentityPolicy, Membership, Organization, OrganizationProfiles, OrganizationsService, InvitationsService, User } from '@brobygge/identity';
import { Placements } from '@brobygge/collaboration';
import { RegionType } from '../catalog/region.type';
import { counterpartLoader } from '../collaboration/placements.resolver';
import { Connection } from '../graphql/connection';
import type { GqlContext } from '../graphql/context';
import { CreateOrganizationInput, InviteMemberInput, OrganizationFilterInput, UpdateOrganizationInput } from './identity.inputs';
import { ContactPersonType, OrganizationType } from './organization.type';
import { MembershipType, UserType } from './user.type';
import { Throttled } from '../graphql/throttle';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';

const OrganizationConnection = Connection(OrganizationType, 'Organization');

@Resolver(() => OrganizationType)
export class OrganizationsResolver {
  constructor(
    private readonly directory: OrganizationsService,
    private readonly invitations: InvitationsService,
    private readonly profiles: OrganizationProfiles,
    private readonly placements: Placements,
  ) {}

  @Mutation(() => OrganizationType, { description: 'The caller becomes its OWNER. New organisations are unverified.' })
  @Throttled('createOrganization')
  @SignedIn()
  async createOrganization(@Args('input', { type: () => CreateOrganizationInput }) input: CreateOrganizationInput, @CurrentViewer() viewer: Viewer) {
    return this.directory.create(viewer, input);
  }

  @Query(() => OrganizationType, { nullable: true })
  @SignedIn()
  async organization(@Args('id', { type: () => ID }) id: string, @CurrentViewer() viewer: Viewer): Promise<Organization> {
    return this.directory.get(viewer, id);
  }

  @Query(() => OrganizationConnection, { description: 'The directory, by name. `first` is at most 100.' })
  @SignedIn()
  async organizations(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => OrganizationFilterInput, nullable: true }) filter?: OrganizationFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.directory.list(viewer, filter ?? {}, first, after);
  }

  @Mutation(() => OrganizationType, { description: "A coordinator of the organisation's region, or an admin." })
  @SignedIn()
  async verifyOrganization(@Args('id', { type: () => ID }) id: string, @CurrentViewer() viewer: Viewer) {
    return this.directory.verify(viewer, id);
  }

  @Mutation(() => OrganizationType, { description: 'Equity priority for a school: a coordinator of its region, or an admin.' })
  @SignedIn()
  async setOrganizationPriority(
    @Args('id', { type: () => ID }) id: string,
    @Args('priority', { type: () => Boolean }) priority: boolean,
    @CurrentViewer() viewer: Viewer,
  ) {
    return this.directory.setPriority(viewer, id, priority);
  }

  @Mutation(() => OrganizationType, { description: 'Owners of the organisation; coordinators of its region; admins.' })
  @SignedIn()
  async updateOrganization(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateOrganizationInput }) input: UpdateOrganizationInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Organization> {
    return this.profiles.update(viewer, id, input);
  }

  @Mutation(() => OrganizationType, { description: 'Coordinators of the region; admins.' })
  @SignedIn()
  async setOrganizationNeedIndex(
    @Args('id', { type: () => ID }) id: string,
    @CurrentViewer() viewer: Viewer,
    @Args('needIndex', { type: () => Float, nullable: true }) needIndex?: number | null,
  ): Promise<Organization> {
    return this.profiles.setNeedIndex(viewer, id, needIndex);
  }

  @Mutation(() => UserType, { description: 'Admins: adds coordinator rights in the given regions.' })
  @SignedIn()
  async grantCoordinator(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('regionCodes', { type: () => [ID] }) regionCodes: string[],
    @CurrentViewer() viewer: Viewer,
  ): Promise<User> {
    return this.directory.grantCoordinator(viewer, userId, regionCodes);
  }

  @Mutation(() => Boolean, { description: 'Owners: e-mails a one-time invitation (valid 7 days).' })
  @Throttled('invite')
  @SignedIn()
  async inviteMember(@Args('input', { type: () => InviteMemberInput }) input: InviteMemberInput, @CurrentViewer() viewer: Viewer) {
    return this.invitations.invite(viewer, input);
  }

  @Mutation(() => MembershipType, { description: 'Joins the organisation, for the signed-in user the invitation was sent to.' })
  @SignedIn()
  async acceptInvitation(@Args('token', { type: () => String }) token: string, @CurrentViewer() viewer: Viewer): Promise<Membership> {
    return this.invitations.accept(viewer, token);
  }

  @ResolveField(() => RegionType)
  async region(@Parent() org: Organization, @Context() ctx: GqlContext): Promise<Region> {
    return (await ctx.loaders.region.load(org.regionCode))!;
  }

  /**
   * Members, the region's coordinators and admins (IdentityPolicy.mayReadContact), and the
   * other side of a match from AWAITING_APPROVAL on (collaboration's Placements, one query
   * for a list through counterpartLoader); null for anyone else. Asking for the viewer
   * marks the answer personal (never cached).
   */
  @ResolveField(() => ContactPersonType, { nullable: true })
  async contact(@Parent() org: Organization, @Context() ctx: GqlContext): Promise<ContactPerson | null> {
    if (!org.contact) return null;
    const viewer = await ctx.viewer();
    if (IdentityPolicy.mayReadContact(viewer, org)) return org.contact;
    return viewer && (await counterpartLoader(ctx, this.placements, viewer).load(org.id)) ? org.contact : null;
  }
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  @ResolveField(() => OrganizationType)
  async organization(@Parent() membership: Membership, @Context() ctx: GqlContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(membership.organizationId))!;
  }
}
