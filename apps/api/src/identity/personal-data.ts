import { Injectable, OnModuleInit } from '@nestjs/common';
import { FeedbackService } from '@brobygge/collaboration';
import { CalendarService } from '@brobygge/followup';
import { AccountsService } from '@brobygge/identity';

/**
 * The contexts that hold records about a person add their sections to exportMyData and
 * anonymise them on deleteMyAccount (identity does not import them; they register here).
 */
@Injectable()
export class PersonalDataSections implements OnModuleInit {
  constructor(
    private readonly accounts: AccountsService,
    private readonly feedback: FeedbackService,
    private readonly calendars: CalendarService,
  ) {}

  onModuleInit(): void {
    this.accounts.addPersonalDataContributor('feedbackGiven', this.feedback.personalData);
    this.accounts.addPersonalDataContributor('calendarFeed', this.calendars.personalData);
  }
}
