import { Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CatalogModule } from '@brobygge/catalog';
import { registerPersonalData } from '@brobygge/core';
import { NotificationsModule } from '@brobygge/notifications';
import { AllocationService } from './allocation.service';
import { DigestService } from './digest.service';
import { FeedbackService } from './feedback.service';
import { LapsingService } from './lapsing.service';
import { MatchNotifications } from './match-notifications';
import { MatchWithdrawals } from './match-withdrawals';
import { MatchConversation } from './match-conversation';
import { MatchLifecycle } from './match-lifecycle';
import { MatchReads } from './match-reads';
import { MatchSweeps } from './match-sweeps';
import { MatchingData } from './matching-data';
import { Agreements } from './agreement';
import { Placements } from './placements';
import { collaborationPersonalData } from './personal-data';
import { SuggestionsService } from './suggestions.service';

/** Collaboration between schools and partners: suggestions, allocation rounds, the match workflow and feedback. */
@Module({
  imports: [CatalogModule, NotificationsModule],
  providers: [
    MatchingData,
    SuggestionsService,
    AllocationService,
    MatchNotifications,
    MatchReads,
    MatchLifecycle,
    MatchSweeps,
    MatchWithdrawals,
    DigestService,
    FeedbackService,
    LapsingService,
    MatchConversation,
    Placements,
    Agreements,
  ],
  exports: [
    Placements,
    Agreements,
    SuggestionsService,
    AllocationService,
    MatchReads,
    MatchLifecycle,
    MatchSweeps,
    MatchingData,
    DigestService,
    FeedbackService,
    LapsingService,
    MatchConversation,
  ],
})
export class CollaborationModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** This context's part of exportMyData and deleteMyAccount (docs/decisions.md, "Identity"). */
  onModuleInit(): void {
    for (const [section, contributor] of Object.entries(collaborationPersonalData)) registerPersonalData(this.moduleRef, section, contributor);
  }
}
