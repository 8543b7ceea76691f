import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DateScalar } from '../graphql/scalars';
import { ActivityType, DeliveryMode, OfferStatus, RequestStatus } from './catalog.enums';

@InputType('CreateOfferInput')
export class CreateOfferInput {
  @Field(() => ID) organizationId: string;
  @Field(() => ActivityType) activityType: ActivityType;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => [ID]) focusAreas: string[];
  @Field(() => [DeliveryMode]) deliveryModes: DeliveryMode[];
  @Field(() => [String]) languages: string[];
  @Field(() => Int) capacity: number;
  @Field(() => Int, { nullable: true }) groupSizeMax?: number | null;
  @Field(() => Int, { nullable: true }) minStudentAge?: number | null;
  @Field(() => DateScalar) availableFrom: string;
  @Field(() => DateScalar) availableUntil: string;
  @Field(() => Int, { nullable: true }) travelRadiusKm?: number | null;
  @Field(() => Boolean, { nullable: true }) requiresBackgroundCheck?: boolean | null;
  @Field(() => [ID], { nullable: true }) alsoServesRegionCodes?: string[] | null;
}

@InputType('UpdateOfferInput')
export class UpdateOfferInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID], { nullable: true }) focusAreas?: string[] | null;
  @Field(() => [DeliveryMode], { nullable: true }) deliveryModes?: DeliveryMode[] | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => Int, { nullable: true }) capacity?: number | null;
  @Field(() => Int, { nullable: true }) groupSizeMax?: number | null;
  @Field(() => Int, { nullable: true }) minStudentAge?: number | null;
  @Field(() => DateScalar, { nullable: true }) availableFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) availableUntil?: string | null;
  @Field(() => Int, { nullable: true }) travelRadiusKm?: number | null;
  @Field(() => Boolean, { nullable: true }) requiresBackgroundCheck?: boolean | null;
  @Field(() => [ID], { nullable: true }) alsoServesRegionCodes?: string[] | null;
}

@InputType('CreateRequestInput')
export class CreateRequestInput {
  @Field(() => ID) organizationId: string;
  @Field(() => ActivityType) activityType: ActivityType;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => [ID]) focusAreas: string[];
  @Field(() => [DeliveryMode]) deliveryModes: DeliveryMode[];
  @Field(() => [String]) languages: string[];
  @Field(() => Int) quantity: number;
  @Field(() => Int, { nullable: true }) groupSize?: number | null;
  @Field(() => Int, { nullable: true }) studentAge?: number | null;
  @Field(() => DateScalar) earliestDate: string;
  @Field(() => DateScalar) latestDate: string;
  @Field(() => Int, { nullable: true }) maxTravelKm?: number | null;
}

@InputType('UpdateRequestInput')
export class UpdateRequestInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID], { nullable: true }) focusAreas?: string[] | null;
  @Field(() => [DeliveryMode], { nullable: true }) deliveryModes?: DeliveryMode[] | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => Int, { nullable: true }) quantity?: number | null;
  @Field(() => Int, { nullable: true }) groupSize?: number | null;
  @Field(() => Int, { nullable: true }) studentAge?: number | null;
  @Field(() => DateScalar, { nullable: true }) earliestDate?: string | null;
  @Field(() => DateScalar, { nullable: true }) latestDate?: string | null;
  @Field(() => Int, { nullable: true }) maxTravelKm?: number | null;
}

@InputType('OfferFilter')
export class OfferFilterInput {
  @Field(() => [ActivityType], { nullable: true }) activityTypes?: ActivityType[] | null;
  @Field(() => [ID], { nullable: true }) focusAreas?: string[] | null;
  @Field(() => [ID], { nullable: true }) regionCodes?: string[] | null;
  @Field(() => [DeliveryMode], { nullable: true }) deliveryModes?: DeliveryMode[] | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => [OfferStatus], { nullable: true, description: 'Default: PUBLISHED.' }) statuses?: OfferStatus[] | null;
  @Field(() => DateScalar, { nullable: true, description: 'Offers available on some day in this range.' }) availableFrom?: string | null;
  @Field(() => DateScalar, { nullable: true }) availableUntil?: string | null;
  @Field(() => String, { nullable: true, description: 'Full text over title and description, prefix matching.' }) search?: string | null;
}

@InputType('RequestFilter')
export class RequestFilterInput {
  @Field(() => [ActivityType], { nullable: true }) activityTypes?: ActivityType[] | null;
  @Field(() => [ID], { nullable: true }) focusAreas?: string[] | null;
  @Field(() => [ID], { nullable: true }) regionCodes?: string[] | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => [RequestStatus], { nullable: true, description: 'Default: OPEN and PARTIALLY_MATCHED.' }) statuses?: RequestStatus[] | null;
  @Field(() => String, { nullable: true }) search?: string | null;
}
