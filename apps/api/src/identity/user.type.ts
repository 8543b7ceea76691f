import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RegionType } from '../catalog/region.type';
import { LocaleEnum } from '../graphql/enums';
import { MembershipRole, PlatformRole } from './identity.enums';
import { OrganizationType } from './organization.type';

@ObjectType('Membership', { description: 'A person acting for an organisation.' })
export class MembershipType {
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => MembershipRole) role: MembershipRole;
}

@ObjectType('User', { description: 'A person. Their e-mail, roles, coordinator regions and memberships are shown only to themselves and to admins.' })
export class UserType {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) name: string;
  @Field(() => LocaleEnum) locale: LocaleEnum;
  @Field(() => [PlatformRole]) roles?: PlatformRole[];
  @Field(() => [RegionType]) coordinatorRegions?: RegionType[];
  @Field(() => [MembershipType]) memberships?: MembershipType[];
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`.' }) accessToken: string;
  @Field(() => UserType) user: UserType;
}
