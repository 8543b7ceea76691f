import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { RegionType } from '../catalog/region.type';
import { DateScalar } from '../graphql/scalars';
import { ImpactReportType } from './report.types';

/** Parent: the FollowUp entity (region and report resolved by FollowUpsResolver). */
@ObjectType('FollowUp', { description: 'A half-year follow-up: the report that the worker produced for a region and sent to its coordinators.' })
export class FollowUpType {
  @Field(() => ID) id: string;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => ImpactReportType, {
    description:
      "The report as it was when the follow-up was produced, labels in the viewer's language; previous is the schedule's period before; schoolsWithoutActivity are the schools as they are now.",
  })
  report?: ImpactReportType;
}
