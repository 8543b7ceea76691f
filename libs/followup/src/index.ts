/** The follow-up context's public surface: the impact report (and its CSV), the regions' targets and the calendar feed, for the API. */
export { FollowupModule } from './followup.module';
export { ImpactReportService } from './impact-report.service';
export type { GenderCounts, ImpactReport, ReportBucket, ReportParts, TargetProgress } from './impact-report.service';
export { TargetService } from './target.service';
export type { SetTargetInput } from './target.service';
// The entity is the parent of the GraphQL Target type's fields (region, focusArea).
export { Target, TargetMeasure } from './target.entity';
export { impactReportCsv } from './impact-report.csv';
export { CalendarService } from './calendar.service';
// The half-year follow-ups: the worker's job, the API's followUps; the entity is the parent of the GraphQL FollowUp type.
export { FollowUps, MAX_FOLLOW_UPS } from './follow-ups.service';
export { FollowUp } from './follow-up.entity';
export type { StoredReport, StoredSchool } from './follow-up-report';
export { lastClosedPeriod } from './follow-up-schedule';
