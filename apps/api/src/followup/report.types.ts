import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../graphql/scalars';
import { GenderBreakdownType } from '../collaboration/feedback.types';
import { OrganizationType } from '../identity/organization.type';
import { TargetProgressType } from './target.types';

@ObjectType('ReportBucket', {
  description: "The report's measures for one focus area (direction), activity type, district, school level or need band. docs/impact-report.md defines each.",
})
export class ReportBucketType {
  @Field(() => String) key: string;
  @Field(() => String, { description: "In the viewer's language." }) label: string;
  @Field(() => Int, { description: 'Matches COMPLETED whose end lies in the period.' }) activities: number;
  @Field(() => Int) studentsReached: number;
  @Field(() => Int, { description: 'Quantity of the requests created in the period (not cancelled).' }) quantityRequested: number;
  @Field(() => Int, { description: 'What those requests hold now.' }) quantityMatched: number;
  @Field(() => GenderBreakdownType) participantsByGender: GenderBreakdownType;
}

@ObjectType('ImpactReport', { description: 'Reach and gaps for a period and regions; every number is defined in docs/impact-report.md.' })
export class ImpactReportType {
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
  @Field(() => [ID], { description: 'The regions the report covers.' }) regionCodes: string[];
  @Field(() => Int) activitiesCompleted: number;
  @Field(() => Int) studentsReached: number;
  @Field(() => Int) schoolsReached: number;
  @Field(() => Int) partnersEngaged: number;
  @Field(() => Int) quantityRequested: number;
  @Field(() => Int) quantityMatched: number;
  @Field(() => Float, { description: 'quantityMatched / quantityRequested (0 when nothing was requested), to 4 decimals.' }) fillRate: number;
  @Field(() => Float, { nullable: true, description: 'Days, to one decimal; null when no request of the period holds anything.' }) medianDaysToMatch: number | null;
  @Field(() => Float, { nullable: true, description: 'To 2 decimals; null without feedback.' }) averageRating: number | null;
  @Field(() => GenderBreakdownType) participantsByGender: GenderBreakdownType;
  @Field(() => [ReportBucketType], { description: 'The three directions; a subject counts for its direction.' }) byFocusArea: ReportBucketType[];
  @Field(() => [ReportBucketType]) byActivityType: ReportBucketType[];
  @Field(() => [ReportBucketType], { description: 'Every district of the regions\' schools, by name; "unknown" last.' }) byDistrict: ReportBucketType[];
  @Field(() => [OrganizationType], { description: 'Schools with no match APPROVED, SCHEDULED or COMPLETED whose dates touch the period, by name.' })
  schoolsWithoutActivity: OrganizationType[];
  @Field(() => [ReportBucketType], { description: 'Each school level, then "unknown"; a school with several levels counts in each.' }) bySchoolLevel: ReportBucketType[];
  @Field(() => [ReportBucketType], { description: 'Schools grouped by need-index band (0-25, 25-50, 50-75, 75-100, unknown).' }) byNeed: ReportBucketType[];
  @Field(() => ImpactReportType, { nullable: true, description: 'The same report for the period of equal length just before this one.' })
  previous: ImpactReportType | null;
  @Field(() => [TargetProgressType], { description: "The targets of the report's regions that overlap its period, measured over the overlap." })
  targets: TargetProgressType[];
}

@InputType('ReportFilter')
export class ReportFilterInput {
  @Field(() => DateScalar, { description: 'First day (UTC), included.' }) from: string;
  @Field(() => DateScalar, { description: 'Last day (UTC), included.' }) to: string;
  @Field(() => [ID], { nullable: true, description: 'Default: every region the caller coordinates (admins: all).' }) regionCodes?: string[] | null;
}
