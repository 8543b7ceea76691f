import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
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
    // Only what the operation selects: the previous period doubles the work, and the lists of schools may be thousands long.
    const top = info.fieldNodes.flatMap((node) => fields(node.selectionSet, info));
    const previous = top.filter((f) => f.name.value === 'previous').flatMap((f) => fields(f.selectionSet, info));
    return this.reports.report(viewer, filter, await ctx.locale(), {
      previous: top.some((f) => f.name.value === 'previous'),
      schoolsWithoutActivity: top.some((f) => f.name.value === 'schoolsWithoutActivity'),
      previousSchoolsWithoutActivity: previous.some((f) => f.name.value === 'schoolsWithoutActivity'),
    });
  }
}

/** The fields a selection set asks for directly, through fragments too. */
function fields(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  return (set?.selections ?? []).flatMap((s) => {
    if (s.kind === 'Field') return [s];
    if (s.kind === 'InlineFragment') return fields(s.selectionSet, info);
    return fields(info.fragments[s.name.value]?.selectionSet, info);
  });
}
