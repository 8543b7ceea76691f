import { Module } from '@nestjs/common';
import { CatalogModule } from '@brobygge/catalog';
import { ImpactReportService } from './impact-report.service';

/** Follow-up (RULES.md): the impact report and its CSV, the calendar feed. Reads what the other contexts wrote. */
@Module({
  imports: [CatalogModule],
  providers: [ImpactReportService],
  exports: [ImpactReportService],
})
export class FollowupModule {}
