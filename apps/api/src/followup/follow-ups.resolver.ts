import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Region } from '@brobygge/catalog';
import type { Viewer } from '@brobygge/core';
import { FollowUp, FollowUps, StoredReport } from '@brobygge/followup';
import type { Organization } from '@brobygge/identity';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { RegionType } from '../catalog/region.type';
import { FollowUpType } from './follow-up.types';
import { ImpactReportType } from './report.types';

/** A stored report whose schools without activity are the organisations (as the live report's are). */
type Hydrated = Omit<StoredReport, 'schoolsWithoutActivity' | 'previous'> & { schoolsWithoutActivity: Organization[]; previous: Hydrated | null };

@Resolver(() => FollowUpType)
export class FollowUpsResolver {
  constructor(private readonly service: FollowUps) {}

  @Query(() => [FollowUpType], {
    description: "Newest period first, at most 50. Coordinators: their regions' (regionCode null: all of them); admins: any region's.",
  })
  @SignedIn()
  followUps(
    @Args('regionCode', { type: () => ID, nullable: true }) regionCode: string | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first: number | null,
    @CurrentViewer() viewer: Viewer,
  ): Promise<FollowUp[]> {
    return this.service.list(viewer, regionCode, first);
  }

  @ResolveField(() => RegionType)
  async region(@Parent() followUp: FollowUp, @Context() ctx: GqlContext): Promise<Region> {
    return (await ctx.loaders.region.load(followUp.regionCode))!;
  }

  @ResolveField(() => ImpactReportType)
  async report(@Parent() followUp: FollowUp, @Context() ctx: GqlContext): Promise<Hydrated> {
    return this.hydrate(await this.service.report(followUp, await ctx.locale()), ctx);
  }

  /** The stored schools (id, name, district) become the organisations they are now, through the loader; a school deleted since drops out. */
  private async hydrate(report: StoredReport, ctx: GqlContext): Promise<Hydrated> {
    const schools = await ctx.loaders.organization.loadMany(report.schoolsWithoutActivity.map((s) => s.id));
    return {
      ...report,
      schoolsWithoutActivity: schools.filter((s): s is Organization => !!s && !(s instanceof Error)),
      previous: report.previous ? await this.hydrate(report.previous, ctx) : null,
    };
  }
}
