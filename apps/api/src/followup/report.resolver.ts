import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { ImpactReport, ImpactReportService } from '@brobygge/followup';
import type { GqlContext } from '../graphql/context';
import { ImpactReportType, ReportFilterInput } from './report.types';

@Resolver(() => ImpactReportType)
export class ImpactReportResolver {
  constructor(private readonly reports: ImpactReportService) {}

  @Query(() => ImpactReportType, { description: 'Coordinators (their regions) and admins. Also as CSV: GET /reports/impact.csv?from=&to=&region=.' })
  async impactReport(@Args('filter', { type: () => ReportFilterInput }) filter: ReportFilterInput, @Context() ctx: GqlContext): Promise<ImpactReport> {
    return this.reports.report(await ctx.viewer(), filter, await ctx.locale());
  }
}
