import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { RegionType } from '../catalog/region.type';
import { OrganizationKind, SchoolLevel } from './identity.enums';

@ObjectType('ContactPerson', {
  description: 'A person to contact at an organisation. Seen by coordinators of its region and, from AWAITING_APPROVAL on, by the other side of a match.',
})
export class ContactPersonType {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) role: string | null;
}

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
  @Field(() => String, { nullable: true, description: "The school unit's code in the national register (e.g. Skolverket's skolenhetskod); unique per country." })
  registryCode: string | null;
  @Field(() => [SchoolLevel]) schoolLevels: SchoolLevel[];
  @Field(() => [String], { description: 'Upper-secondary programme codes, e.g. NA, TE, EE, IN, VO, BA.' }) programmes: string[];
  @Field(() => Int, { nullable: true }) pupilCount: number | null;
  @Field(() => Float, { nullable: true, description: '0-100, higher = greater socio-economic need. Set by a coordinator; null when unknown.' })
  needIndex: number | null;
  // contact: a field resolver (OrganizationsResolver.contact), shown per RULES.md.
  @Field(() => Boolean, { description: 'False for an organisation imported from a register that no one has claimed yet.' }) claimed: boolean;
}
