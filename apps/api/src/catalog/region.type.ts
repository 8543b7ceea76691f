import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Region', { description: 'A region that coordinators serve.' })
export class RegionType {
  @Field(() => ID, { description: 'Stable lowercase slug, e.g. se-malmo.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  countryCode: string;
}
