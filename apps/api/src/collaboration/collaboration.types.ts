import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { ActivityType } from '../catalog/catalog.enums';
import { OfferType, RequestType } from '../catalog/catalog.types';
import { UserType } from '../identity/user.type';

registerEnumType(MatchStatus, { name: 'MatchStatus' });
registerEnumType(MatchOrigin, { name: 'MatchOrigin', description: 'Who started the match.' });

@ObjectType('ScoreFactor', { description: "One term of a suggestion's score: weight and value (0..1) and a sentence in the viewer's language." })
export class ScoreFactorType {
  @Field(() => String) factor: string;
  @Field(() => Float) weight: number;
  @Field(() => Float) value: number;
  @Field(() => String) explanation: string;
}

@ObjectType('OfferSuggestion')
export class OfferSuggestionType {
  @Field(() => OfferType) offer: OfferType;
  @Field(() => Float, { description: '0–100, higher fits better.' }) score: number;
  @Field(() => [ScoreFactorType]) factors: ScoreFactorType[];
}

@ObjectType('RequestSuggestion')
export class RequestSuggestionType {
  @Field(() => RequestType) request: RequestType;
  @Field(() => Float, { description: '0–100, higher fits better.' }) score: number;
  @Field(() => [ScoreFactorType]) factors: ScoreFactorType[];
}

@ObjectType('MatchEvent')
export class MatchEventType {
  @Field(() => GraphQLISODateTime) at: Date;
  @Field(() => UserType, { nullable: true }) actor: UserType | null;
  @Field(() => MatchStatus, { nullable: true }) fromStatus: MatchStatus | null;
  @Field(() => MatchStatus) toStatus: MatchStatus;
  @Field(() => String, { nullable: true }) comment: string | null;
}

@ObjectType('Match', { description: 'A request and an offer agreed (or on the way to it) for a quantity.' })
export class MatchType {
  @Field(() => ID) id: string;
  @Field(() => RequestType) request: RequestType;
  @Field(() => OfferType) offer: OfferType;
  @Field(() => Int) quantity: number;
  @Field(() => Float) score: number;
  @Field(() => MatchStatus) status: MatchStatus;
  @Field(() => MatchOrigin) origin: MatchOrigin;
  @Field(() => GraphQLISODateTime, { nullable: true }) startsAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) endsAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
  @Field(() => [MatchEventType]) history: MatchEventType[];
}

@ObjectType('AllocationProposal')
export class AllocationProposalType {
  @Field(() => RequestType) request: RequestType;
  @Field(() => OfferType) offer: OfferType;
  @Field(() => Int) quantity: number;
  @Field(() => Float, { description: "The pair's score, 0–100." }) score: number;
}

@ObjectType('AllocationResult')
export class AllocationResultType {
  @Field(() => Int, { description: "Units the round's open requests still want." }) quantityRequested: number;
  @Field(() => Int) quantityAllocated: number;
  @Field(() => Float, { description: 'Σ pair score × units plus the fairness bonus (formats/allocation.md), on the 0–100 scale.' }) totalScore: number;
  @Field(() => [AllocationProposalType]) proposals: AllocationProposalType[];
  @Field(() => [MatchType], { description: 'The matches created; empty on a dry run.' }) matches: MatchType[];
}

@InputType('AllocationInput')
export class AllocationInput {
  @Field(() => ID) regionCode: string;
  @Field(() => ActivityType, { defaultValue: ActivityType.WORKPLACE_PLACEMENT }) activityType: ActivityType;
  @Field(() => Int, { nullable: true, defaultValue: 0, description: "Extra score for a request's k-th unit is floor(fairnessBonus / k): spreads units over schools." })
  fairnessBonus?: number | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) dryRun?: boolean | null;
}

@InputType('ProposeMatchInput')
export class ProposeMatchInput {
  @Field(() => ID) requestId: string;
  @Field(() => ID) offerId: string;
  @Field(() => Int) quantity: number;
  @Field(() => String, { nullable: true }) message?: string | null;
}

@InputType('MatchFilter')
export class MatchFilterInput {
  @Field(() => [MatchStatus], { nullable: true }) statuses?: MatchStatus[] | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => [ID], { nullable: true }) regionCodes?: string[] | null;
}
