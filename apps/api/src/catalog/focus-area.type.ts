import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('FocusArea', {
  description: 'A STEM focus area: one of three directions, or a subject under a direction.',
})
export class FocusAreaType {
  @Field(() => ID)
  code: string;
}
