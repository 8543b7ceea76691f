import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TargetMeasure } from '@brobygge/followup';
import { ActivityType } from '../catalog/catalog.enums';
import { FocusAreaType } from '../catalog/focus-area.type';
import { RegionType } from '../catalog/region.type';
import { DateScalar } from '../graphql/scalars';

registerEnumType(TargetMeasure, { name: 'TargetMeasure' });

/** Parent: the Target entity (region and focusArea resolved by TargetResolver). */
@ObjectType('Target', { description: 'What a region aims for over a period; docs/impact-report.md, "Targets", defines each measure.' })
export class TargetType {
  @Field(() => ID) id: string;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => TargetMeasure) measure: TargetMeasure;
  @Field(() => FocusAreaType, { nullable: true, description: 'Narrows the measure to one focus-area direction or subject.' }) focusArea?: FocusAreaType | null;
  @Field(() => ActivityType, { nullable: true }) activityType: ActivityType | null;
  @Field(() => Float) value: number;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
}

@ObjectType('TargetProgress')
export class TargetProgressType {
  @Field(() => TargetType) target: TargetType;
  @Field(() => Float) actual: number;
  @Field(() => Boolean) met: boolean;
}

@InputType('SetTargetInput')
export class SetTargetInput {
  @Field(() => ID) regionCode: string;
  @Field(() => TargetMeasure) measure: TargetMeasure;
  @Field(() => ID, { nullable: true }) focusArea?: string | null;
  @Field(() => ActivityType, { nullable: true }) activityType?: ActivityType | null;
  @Field(() => Float) value: number;
  @Field(() => DateScalar) from: string;
  @Field(() => DateScalar) to: string;
}
