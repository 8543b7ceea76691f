import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { OfferType } from '../catalog/catalog.types';
import { OrganizationType } from '../identity/organization.type';
import { UserType } from '../identity/user.type';

@ObjectType('Outreach', { description: "A coordinator's e-mail to a school, with suggested offers (coordinators of the region and admins)." })
export class OutreachType {
  @Field(() => ID) id: string;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => UserType, { nullable: true, description: 'Null once the coordinator deleted their account.' }) coordinator?: UserType | null;
  @Field(() => GraphQLISODateTime) sentAt: Date;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => [OfferType], { description: 'Offers suggested to the school in the message.' }) suggestedOffers?: OfferType[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When someone of the school first signed in, claimed it, or posted a request after it.' })
  respondedAt: Date | null;
}

@InputType('ReachOutInput')
export class ReachOutInput {
  @Field(() => ID) organizationId: string;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters, plain text.' }) message?: string | null;
  @Field(() => String, { nullable: true, description: 'Required when the organisation is unclaimed: the address the invitation goes to.' }) email?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Offers to suggest (at most 5); when absent, the best-fitting published offers are chosen.' })
  offerIds?: string[] | null;
}
