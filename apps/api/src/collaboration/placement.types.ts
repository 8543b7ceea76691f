import { Field, GraphQLISODateTime, InputType, ObjectType } from '@nestjs/graphql';
import { UserType } from '../identity/user.type';

@ObjectType('Supervisor', { description: 'The person at the workplace who looks after the pupils (handledare).' })
export class SupervisorType {
  @Field(() => String) name: string;
  @Field(() => String) email: string;
  @Field(() => String, { nullable: true }) phone: string | null;
}

@InputType('SupervisorInput')
export class SupervisorInput {
  @Field(() => String) name: string;
  @Field(() => String) email: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@ObjectType('RiskQuestion', { description: 'One question of the risk assessment for a workplace placement.' })
export class RiskQuestionType {
  @Field(() => String) key: string;
  @Field(() => Boolean, { description: 'Asked only when a pupil is under 18.' }) minorsOnly: boolean;
}

@ObjectType('RiskAnswer')
export class RiskAnswerType {
  @Field(() => String) key: string;
  @Field(() => Boolean) answer: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
}

@InputType('RiskAnswerInput')
export class RiskAnswerInput {
  @Field(() => String) key: string;
  @Field(() => Boolean) answer: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('RiskAssessment')
export class RiskAssessmentType {
  @Field(() => [RiskAnswerType]) answers: RiskAnswerType[];
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => GraphQLISODateTime) submittedAt: Date;
  @Field(() => UserType, { nullable: true }) submittedBy: UserType | null;
}

@InputType('RiskAssessmentInput')
export class RiskAssessmentInput {
  @Field(() => [RiskAnswerInput]) answers: RiskAnswerInput[];
  @Field(() => String, { nullable: true }) summary?: string | null;
}

@ObjectType('Placement', { description: 'What a WORKPLACE_PLACEMENT match needs before a coordinator can approve it.' })
export class PlacementType {
  @Field(() => SupervisorType, { nullable: true }) supervisor: SupervisorType | null;
  @Field(() => RiskAssessmentType, { nullable: true }) riskAssessment: RiskAssessmentType | null;
  @Field(() => [String], { description: 'What is still missing before approval, as stable keys: SUPERVISOR, RISK_ASSESSMENT.' }) missing: string[];
  @Field(() => String, { nullable: true, description: 'The placement agreement (PDF) once the match is APPROVED or later; null before.' })
  agreementUrl: string | null;
}
