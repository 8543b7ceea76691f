import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Feedback, FeedbackService, Match } from '@brobygge/collaboration';
import type { GqlContext } from '../graphql/context';
import { MatchType } from './collaboration.types';
import { FeedbackInput, FeedbackType, GenderBreakdownType } from './feedback.types';

/** Feedback on completed matches (RULES.md, Follow-up): the rules live in FeedbackService. */
@Resolver(() => FeedbackType)
export class FeedbackResolver {
  constructor(private readonly feedback: FeedbackService) {}

  @Mutation(() => FeedbackType, { description: 'Members of either side of a COMPLETED match, once per side. Participant counts come from the school only.' })
  async submitFeedback(@Args('input', { type: () => FeedbackInput }) input: FeedbackInput, @Context() ctx: GqlContext): Promise<Feedback> {
    return this.feedback.submit(await ctx.viewer(), input);
  }

  @ResolveField(() => MatchType)
  async match(@Parent() feedback: Feedback, @Context() ctx: GqlContext): Promise<Match> {
    return (await ctx.loaders.match.load(feedback.matchId))!;
  }

  @ResolveField(() => GenderBreakdownType, { nullable: true })
  participants(@Parent() f: Feedback): GenderBreakdownType | null {
    const counts = [f.participantsFemale, f.participantsMale, f.participantsNonBinary, f.participantsUnknown];
    if (counts.every((c) => c === null)) return null;
    return { female: f.participantsFemale ?? 0, male: f.participantsMale ?? 0, nonBinary: f.participantsNonBinary ?? 0, unknown: f.participantsUnknown ?? 0 };
  }
}

/** Match.feedback: what each side said, once the match is completed. */
@Resolver(() => MatchType)
export class MatchFeedbackResolver {
  @ResolveField(() => [FeedbackType], { description: "The school's and the partner's feedback, school first (empty until given)." })
  feedback(@Parent() match: Match, @Context() ctx: GqlContext): Promise<Feedback[]> {
    return ctx.loaders.feedbackOfMatch.load(match.id);
  }
}
