import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { RegionType } from '../catalog/region.type';
import { OrganizationKind } from './identity.enums';

@ObjectType('Organization', { description: 'A school, company, university or public agency.' })
export class OrganizationType {
  @Field(() => ID) id: string;
  @Field(() => OrganizationKind) kind: OrganizationKind;
  @Field(() => String) name: string;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => String) municipality: string;
  @Field(() => String, { nullable: true }) district: string | null;
  @Field(() => String) countryCode: string;
  @Field(() => Float, { nullable: true }) latitude: number | null;
  @Field(() => Float, { nullable: true }) longitude: number | null;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Boolean) verified: boolean;
  @Field(() => Boolean, { description: 'Equity priority, set by a coordinator (schools).' }) priority: boolean;
}
