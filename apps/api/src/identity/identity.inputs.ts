import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { LocaleEnum } from '../graphql/enums';
import { MembershipRole, OrganizationKind, SchoolLevel } from './identity.enums';

@InputType('RegisterInput')
export class RegisterInput {
  @Field(() => String) email: string;
  @Field(() => String, { description: 'At least 10 characters.' }) password: string;
  @Field(() => String) name: string;
  @Field(() => LocaleEnum, { nullable: true }) locale?: LocaleEnum | null;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String) email: string;
  @Field(() => String) password: string;
}

@InputType('UpdateProfileInput')
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => LocaleEnum, { nullable: true }) locale?: LocaleEnum | null;
}

@InputType('CreateOrganizationInput')
export class CreateOrganizationInput {
  @Field(() => OrganizationKind) kind: OrganizationKind;
  @Field(() => String) name: string;
  @Field(() => ID) regionCode: string;
  @Field(() => String) municipality: string;
  @Field(() => String, { nullable: true }) district?: string | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. SE.' }) countryCode: string;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType('ContactPersonInput')
export class ContactPersonInput {
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) role?: string | null;
}

/** Only the fields given change; an explicit null clears a nullable one (docs/decisions.md, "School profiles"). */
@InputType('UpdateOrganizationInput')
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) municipality?: string | null;
  @Field(() => String, { nullable: true }) district?: string | null;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [SchoolLevel], { nullable: true }) schoolLevels?: SchoolLevel[] | null;
  @Field(() => [String], { nullable: true }) programmes?: string[] | null;
  @Field(() => Int, { nullable: true }) pupilCount?: number | null;
  @Field(() => ContactPersonInput, { nullable: true }) contact?: ContactPersonInput | null;
}

@InputType('InviteMemberInput')
export class InviteMemberInput {
  @Field(() => ID) organizationId: string;
  @Field(() => String) email: string;
  @Field(() => MembershipRole) role: MembershipRole;
}

@InputType('OrganizationFilter')
export class OrganizationFilterInput {
  @Field(() => [OrganizationKind], { nullable: true }) kinds?: OrganizationKind[] | null;
  @Field(() => [ID], { nullable: true }) regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true }) verified?: boolean | null;
  @Field(() => String, { nullable: true }) search?: string | null;
}
