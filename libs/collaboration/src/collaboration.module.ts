import { Module } from '@nestjs/common';
import { CatalogModule } from '@brobygge/catalog';
import { NotificationsModule } from '@brobygge/notifications';
import { AllocationService } from './allocation.service';
import { DigestService } from './digest.service';
import { FeedbackService } from './feedback.service';
import { LapsingService } from './lapsing.service';
import { MatchNotifications } from './match-notifications';
import { MatchWithdrawals } from './match-withdrawals';
import { MatchesService } from './matches.service';
import { MatchingData } from './matching-data';
import { SuggestionsService } from './suggestions.service';

/** Collaboration between schools and partners: suggestions, allocation rounds, the match workflow and feedback. */
@Module({
  imports: [CatalogModule, NotificationsModule],
  providers: [MatchingData, SuggestionsService, AllocationService, MatchNotifications, MatchesService, MatchWithdrawals, DigestService, FeedbackService, LapsingService],
  exports: [SuggestionsService, AllocationService, MatchesService, MatchingData, DigestService, FeedbackService, LapsingService],
})
export class CollaborationModule {}
