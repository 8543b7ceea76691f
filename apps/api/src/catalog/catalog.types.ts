import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../graphql/scalars';
import { OrganizationType } from '../identity/organization.type';
import { ActivityType, DeliveryMode, OfferStatus, RequestStatus } from './catalog.enums';
import { FocusAreaType } from './focus-area.type';
import { RegionType } from './region.type';

@ObjectType('Offer', { description: 'What a partner gives: sessions or placements in a period.' })
export class OfferType {
  @Field(() => ID) id: string;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => ActivityType) activityType: ActivityType;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => [FocusAreaType]) focusAreas?: FocusAreaType[];
  @Field(() => [DeliveryMode]) deliveryModes: DeliveryMode[];
  @Field(() => [String], { description: 'ISO 639-1 codes.' }) languages: string[];
  @Field(() => Int, { description: 'Placements or sessions the partner can give in the period.' }) capacity: number;
  @Field(() => Int) remainingCapacity?: number;
  @Field(() => Int, { nullable: true }) groupSizeMax: number | null;
  @Field(() => Int, { nullable: true }) minStudentAge: number | null;
  @Field(() => DateScalar) availableFrom: string;
  @Field(() => DateScalar) availableUntil: string;
  @Field(() => Int, { nullable: true, description: 'How far the partner travels for AT_SCHOOL activities.' }) travelRadiusKm: number | null;
  @Field(() => Boolean) requiresBackgroundCheck: boolean;
  @Field(() => OfferStatus) status: OfferStatus;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => [RegionType], { description: "Regions beyond its organisation's own that the offer also serves (e.g. across the Öresund)." })
  alsoServesRegions?: RegionType[];
}

@ObjectType('CollaborationRequest', { description: 'What a school asks for. Carries no pupil data.' })
export class RequestType {
  @Field(() => ID) id: string;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => ActivityType) activityType: ActivityType;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => [FocusAreaType]) focusAreas?: FocusAreaType[];
  @Field(() => [DeliveryMode]) deliveryModes: DeliveryMode[];
  @Field(() => [String]) languages: string[];
  @Field(() => Int, { description: 'Placements (pupils) or sessions wanted.' }) quantity: number;
  @Field(() => Int) quantityMatched: number;
  @Field(() => Int, { nullable: true, description: 'Pupils taking part in a session.' }) groupSize: number | null;
  @Field(() => Int, { nullable: true }) studentAge: number | null;
  @Field(() => DateScalar) earliestDate: string;
  @Field(() => DateScalar) latestDate: string;
  @Field(() => Int, { nullable: true, description: 'How far pupils can travel for AT_PARTNER activities.' }) maxTravelKm: number | null;
  @Field(() => RequestStatus) status: RequestStatus;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}
