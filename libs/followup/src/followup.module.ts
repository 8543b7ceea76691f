import { Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CatalogModule } from '@brobygge/catalog';
import { NotificationsModule } from '@brobygge/notifications';
import { registerPersonalData } from '@brobygge/core';
import { CalendarService } from './calendar.service';
import { FollowUps } from './follow-ups.service';
import { ImpactReportService } from './impact-report.service';
import { followupPersonalData } from './personal-data';
import { TargetService } from './target.service';

/** Follow-up (RULES.md): the impact report and its CSV, the regions' targets, the half-year follow-ups, the calendar feed. Reads what the other contexts wrote. */
@Module({
  imports: [CatalogModule, NotificationsModule],
  providers: [ImpactReportService, TargetService, CalendarService, FollowUps],
  exports: [ImpactReportService, TargetService, CalendarService, FollowUps],
})
export class FollowupModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** This context's part of exportMyData and deleteMyAccount (docs/decisions.md, "Identity"). */
  onModuleInit(): void {
    for (const [section, contributor] of Object.entries(followupPersonalData)) registerPersonalData(this.moduleRef, section, contributor);
  }
}
