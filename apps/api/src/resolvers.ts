import { OffersResolver, RequestsResolver } from './catalog/catalog.resolver';
import { FocusAreaResolver, RegionResolver } from './catalog/taxonomy.resolver';
import { AllocationResolver } from './collaboration/allocation.resolver';
import { FeedbackResolver, MatchFeedbackResolver } from './collaboration/feedback.resolver';
import { CalendarResolver } from './followup/calendar.resolver';
import { FollowUpsResolver } from './followup/follow-ups.resolver';
import { ImpactReportResolver } from './followup/report.resolver';
import { TargetsResolver } from './followup/targets.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { MatchesResolver, MatchEventResolver, RequestMatchesResolver } from './collaboration/matches.resolver';
import { MatchMessagesResolver, MessagesResolver } from './collaboration/messages.resolver';
import { OfferSuggestionsResolver, RequestSuggestionsResolver } from './collaboration/suggestions.resolver';
import { OrganizationOutreachResolver, OutreachResolver } from './collaboration/outreach.resolver';
import { PlacementsResolver, RiskAssessmentResolver, RiskQuestionResolver } from './collaboration/placements.resolver';
import { AccountsResolver } from './identity/accounts.resolver';
import { MembershipResolver, OrganizationsResolver } from './identity/organizations.resolver';

/** Every resolver of the API: the app module and the schema generator share this list. */
export const RESOLVERS = [
  RegionResolver,
  FocusAreaResolver,
  AccountsResolver,
  OrganizationsResolver,
  MembershipResolver,
  OffersResolver,
  RequestsResolver,
  RequestSuggestionsResolver,
  OfferSuggestionsResolver,
  AllocationResolver,
  MatchesResolver,
  MatchEventResolver,
  RequestMatchesResolver,
  MessagesResolver,
  MatchMessagesResolver,
  NotificationsResolver,
  FeedbackResolver,
  MatchFeedbackResolver,
  ImpactReportResolver,
  TargetsResolver,
  CalendarResolver,
  FollowUpsResolver,
  OutreachResolver,
  OrganizationOutreachResolver,
  PlacementsResolver,
  RiskQuestionResolver,
  RiskAssessmentResolver,
];
