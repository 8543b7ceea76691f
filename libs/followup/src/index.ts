/** The follow-up context's public surface: the impact report (and its CSV) and the calendar feed, for the API. */
export { FollowupModule } from './followup.module';
export { ImpactReportService } from './impact-report.service';
export type { ImpactReport } from './impact-report.service';
export { impactReportCsv } from './impact-report.csv';
export { CalendarService } from './calendar.service';
