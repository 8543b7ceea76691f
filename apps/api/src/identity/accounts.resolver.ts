import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ForbiddenError, Viewer } from '@brobygge/core';
import { Authentication, CoordinatorRegion, IdentityPolicy, Membership, PersonalData, Profiles, User } from '@brobygge/identity';
import type { Region } from '@brobygge/catalog';
import { RegionType } from '../catalog/region.type';
import type { GqlContext } from '../graphql/context';
import { LoginInput, RegisterInput, UpdateProfileInput } from './identity.inputs';
import { PlatformRole } from './identity.enums';
import { AuthPayloadType, MembershipType, UserType } from './user.type';
import { Throttled } from '../graphql/throttle';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';

@Resolver(() => UserType)
export class AccountsResolver {
  constructor(
    private readonly authentication: Authentication,
    private readonly profiles: Profiles,
    private readonly personalData: PersonalData,
  ) {}

  @Mutation(() => AuthPayloadType, { description: 'Creates an account and signs in. Rate-limited per IP and e-mail.' })
  async register(@Args('input', { type: () => RegisterInput }) input: RegisterInput, @Context() ctx: GqlContext) {
    const result = await this.authentication.register(input, ctx.ip, await ctx.locale());
    ctx.signedInAs = result.user.id;
    return result;
  }

  @Mutation(() => AuthPayloadType, { description: 'Signs in. Rate-limited per IP and e-mail.' })
  async login(@Args('input', { type: () => LoginInput }) input: LoginInput, @Context() ctx: GqlContext) {
    const result = await this.authentication.login(input.email, input.password, ctx.ip);
    ctx.signedInAs = result.user.id;
    return result;
  }

  @Query(() => UserType, { description: 'The signed-in user.' })
  @SignedIn()
  me(@CurrentViewer() viewer: Viewer): Pick<User, 'id' | 'email' | 'name' | 'locale' | 'isAdmin'> {
    // The viewer is the user's row as it is now (the viewer cache is exact: docs/decisions.md,
    // "The viewer cache (issue 17)"), so the fields of User need no second read.
    return { id: viewer.id, email: viewer.email, name: viewer.name, locale: viewer.locale, isAdmin: viewer.isAdmin };
  }

  @Mutation(() => UserType)
  @SignedIn()
  async updateProfile(@Args('input', { type: () => UpdateProfileInput }) input: UpdateProfileInput, @CurrentViewer() viewer: Viewer) {
    return this.profiles.updateProfile(viewer, input);
  }

  @Mutation(() => String, { description: 'GDPR: everything stored about the caller, as a JSON document.' })
  @Throttled('exportData')
  @SignedIn()
  async exportMyData(@CurrentViewer() viewer: Viewer): Promise<string> {
    return this.personalData.exportMyData(viewer);
  }

  @Mutation(() => Boolean, { description: "GDPR: erase the caller's personal data; organisations' records stay, anonymised." })
  @Throttled('deleteAccount')
  @SignedIn()
  async deleteMyAccount(@Args('password', { type: () => String }) password: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.personalData.deleteMyAccount(viewer, password);
  }

  /**
   * E-mail, roles, coordinator regions and memberships are the user's and admins' only
   * (IdentityPolicy.mayReadAccount); anyone else gets FORBIDDEN on the field. Right after
   * register/login the viewer is not in the context yet: `signedInAs` says it is themselves.
   */
  private async assertMayReadAccount(user: User, ctx: GqlContext, what: string): Promise<void> {
    if (ctx.signedInAs === user.id) return;
    if (!IdentityPolicy.mayReadAccount(await ctx.viewer(), user.id)) {
      throw new ForbiddenError(`Only the user and admins see a user's ${what}.`);
    }
  }

  @ResolveField(() => String)
  async email(@Parent() user: User, @Context() ctx: GqlContext): Promise<string> {
    await this.assertMayReadAccount(user, ctx, 'e-mail');
    return user.email ?? '';
  }

  @ResolveField(() => [PlatformRole])
  async roles(@Parent() user: User, @Context() ctx: GqlContext): Promise<PlatformRole[]> {
    await this.assertMayReadAccount(user, ctx, 'roles');
    const regions = await ctx.loaders.coordinatorRegionsOfUser.load(user.id);
    return Profiles.roles(
      user,
      regions.map((r) => r.regionCode),
    ) as PlatformRole[];
  }

  @ResolveField(() => [RegionType])
  async coordinatorRegions(@Parent() user: User, @Context() ctx: GqlContext): Promise<Region[]> {
    await this.assertMayReadAccount(user, ctx, 'coordinator regions');
    const rows: CoordinatorRegion[] = await ctx.loaders.coordinatorRegionsOfUser.load(user.id);
    const regions = await ctx.loaders.region.loadMany(rows.map((r) => r.regionCode));
    return regions.filter((r): r is Region => !!r && !(r instanceof Error));
  }

  @ResolveField(() => [MembershipType])
  async memberships(@Parent() user: User, @Context() ctx: GqlContext): Promise<Membership[]> {
    await this.assertMayReadAccount(user, ctx, 'memberships');
    return ctx.loaders.membershipsOfUser.load(user.id);
  }
}
