import { Module } from '@nestjs/common';
import { CatalogModule } from '@brobygge/catalog';
import { CalendarService } from './calendar.service';
import { ImpactReportService } from './impact-report.service';

/** Follow-up (RULES.md): the impact report and its CSV, the calendar feed. Reads what the other contexts wrote. */
@Module({
  imports: [CatalogModule],
  providers: [ImpactReportService, CalendarService],
  exports: [ImpactReportService, CalendarService],
})
export class FollowupModule {}
