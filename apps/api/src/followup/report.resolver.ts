import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { ImpactReport, ImpactReportService } from '@brobygge/followup';
import type { Viewer } from '@brobygge/core';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { ImpactReportType, ReportFilterInput } from './report.types';

@Resolver(() => ImpactReportType)
export class ImpactReportResolver {
  constructor(private readonly reports: ImpactReportService) {}

  @Query(() => ImpactReportType, { description: 'Coordinators (their regions) and admins. Also as CSV: GET /reports/impact.csv?from=&to=&region=.' })
  @SignedIn()
  async impactReport(
    @Args('filter', { type: () => ReportFilterInput }) filter: ReportFilterInput,
    @CurrentViewer() viewer: Viewer,
    @Context() ctx: GqlContext,
  ): Promise<ImpactReport> {
    return this.reports.report(viewer, filter, await ctx.locale());
  }
}
