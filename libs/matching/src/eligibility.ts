/**
 * The hard rules of RULES.md ("Matching — what fits"): a pair that breaks one is never
 * suggested or allocated.
 */
import { distanceKm, OfferFacts, RequestFacts } from './facts';

export type HardRule =
  | 'ACTIVITY_TYPE' // same activity type
  | 'OFFER_NOT_PUBLISHED' // the offer is PUBLISHED
  | 'NO_CAPACITY' // the offer has remaining capacity
  | 'REQUEST_NOT_OPEN' // the request is OPEN or PARTIALLY_MATCHED (so it still wants units)
  | 'DELIVERY_MODE' // a shared delivery mode
  | 'LANGUAGE' // a shared language
  | 'DATES' // the date ranges overlap
  | 'AGE' // studentAge >= minStudentAge
  | 'GROUP_SIZE' // groupSize <= groupSizeMax
  | 'REGION' // the offer serves the request's region: its own or one of alsoServesRegionCodes
  | 'DISTANCE'; // within travelRadiusKm (AT_SCHOOL) or maxTravelKm (AT_PARTNER) for some shared mode

export type Eligibility = { eligible: true; modes: string[] } | { eligible: false; broken: HardRule[] };

const OPEN_REQUEST = new Set(['OPEN', 'PARTIALLY_MATCHED']);

/**
 * The shared delivery modes that also respect the distances: REMOTE always does;
 * AT_SCHOOL (the partner travels) within the offer's `travelRadiusKm`; AT_PARTNER (the
 * class travels) within the request's `maxTravelKm`. A limit or a place that is not known
 * does not exclude.
 */
export function workableModes(request: RequestFacts, offer: OfferFacts): { shared: string[]; workable: string[]; km: number | null } {
  const shared = request.deliveryModes.filter((m) => offer.deliveryModes.includes(m));
  const km = request.place && offer.place ? distanceKm(request.place, offer.place) : null;
  const workable = shared.filter((m) => {
    if (km === null || m === 'REMOTE') return true;
    if (m === 'AT_SCHOOL') return offer.travelRadiusKm === null || km <= offer.travelRadiusKm;
    if (m === 'AT_PARTNER') return request.maxTravelKm === null || km <= request.maxTravelKm;
    return true;
  });
  return { shared, workable, km };
}

/**
 * Offers serve their organisation's region and the regions in `alsoServesRegionCodes`
 * (RULES.md, Next). A region that is not known (facts from an allocation file) does not
 * exclude.
 */
export function servesRegion(request: Pick<RequestFacts, 'regionCode'>, offer: Pick<OfferFacts, 'regionCode' | 'alsoServesRegionCodes'>): boolean {
  if (request.regionCode == null || offer.regionCode == null) return true;
  return request.regionCode === offer.regionCode || (offer.alsoServesRegionCodes ?? []).includes(request.regionCode);
}

export function eligibility(request: RequestFacts, offer: OfferFacts): Eligibility {
  const broken: HardRule[] = [];
  if (request.activityType !== offer.activityType) broken.push('ACTIVITY_TYPE');
  if (!servesRegion(request, offer)) broken.push('REGION');
  if (offer.status !== 'PUBLISHED') broken.push('OFFER_NOT_PUBLISHED');
  if (offer.capacity - offer.capacityHeld <= 0) broken.push('NO_CAPACITY');
  if (!OPEN_REQUEST.has(request.status) || request.quantity - request.quantityMatched <= 0) broken.push('REQUEST_NOT_OPEN');
  const { shared, workable } = workableModes(request, offer);
  if (shared.length === 0) broken.push('DELIVERY_MODE');
  if (!request.languages.some((l) => offer.languages.includes(l))) broken.push('LANGUAGE');
  if (request.latestDate < offer.availableFrom || offer.availableUntil < request.earliestDate) broken.push('DATES');
  if (request.studentAge !== null && offer.minStudentAge !== null && request.studentAge < offer.minStudentAge) broken.push('AGE');
  if (request.groupSize !== null && offer.groupSizeMax !== null && request.groupSize > offer.groupSizeMax) broken.push('GROUP_SIZE');
  if (shared.length > 0 && workable.length === 0) broken.push('DISTANCE');
  return broken.length ? { eligible: false, broken } : { eligible: true, modes: workable };
}
