import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MatchType } from './collaboration.types';

export enum FeedbackSide {
  SCHOOL = 'SCHOOL',
  PARTNER = 'PARTNER',
}
registerEnumType(FeedbackSide, { name: 'FeedbackSide', description: 'Which side of a match gave the feedback.' });

@ObjectType('GenderBreakdown', { description: 'Participants as aggregate counts (never names).' })
export class GenderBreakdownType {
  @Field(() => Int) female: number;
  @Field(() => Int) male: number;
  @Field(() => Int) nonBinary: number;
  @Field(() => Int) unknown: number;
}

@ObjectType('Feedback', { description: "One side's feedback on a completed match." })
export class FeedbackType {
  @Field(() => ID) id: string;
  @Field(() => MatchType) match?: MatchType;
  @Field(() => FeedbackSide) side: FeedbackSide;
  @Field(() => Int, { description: '1–5.' }) rating: number;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => Boolean, { nullable: true }) wouldRepeat: boolean | null;
  @Field(() => GenderBreakdownType, {
    nullable: true,
    description: "The pupils who took part, as the school reported them; null on the partner's feedback and when the school gave no counts.",
  })
  participants?: GenderBreakdownType | null;
  @Field(() => GraphQLISODateTime) submittedAt: Date;
}

@InputType('FeedbackInput')
export class FeedbackInput {
  @Field(() => ID) matchId: string;
  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' }) rating: number;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => Int, { nullable: true, description: 'School side only, like the other counts: whole numbers from 0.' }) participantsFemale?: number | null;
  @Field(() => Int, { nullable: true }) participantsMale?: number | null;
  @Field(() => Int, { nullable: true }) participantsNonBinary?: number | null;
  @Field(() => Int, { nullable: true }) participantsUnknown?: number | null;
  @Field(() => Boolean, { nullable: true }) wouldRepeat?: boolean | null;
}
