import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<ImpactReport> {
    // The previous period doubles the work: only when the operation asks for it.
    const previous = info.fieldNodes.some((node) => selects(node.selectionSet, 'previous', info));
    return this.reports.report(viewer, filter, await ctx.locale(), { previous });
  }
}

/** Whether a selection set asks for the field `name` directly (through fragments too). */
function selects(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): boolean {
  return (set?.selections ?? []).some((s) => {
    if (s.kind === 'Field') return s.name.value === name;
    if (s.kind === 'InlineFragment') return selects(s.selectionSet, name, info);
    return selects(info.fragments[s.name.value]?.selectionSet, name, info);
  });
}
