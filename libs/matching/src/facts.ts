/**
 * The plain data matching works on: a request and an offer as the catalogue stores them,
 * plus where the school and the partner are. No ORM types: the API maps its rows here.
 */
export type Locale = 'sv' | 'da' | 'nb' | 'en';

export interface Place {
  latitude: number;
  longitude: number;
}

export interface RequestFacts {
  id: string;
  organizationId: string;
  activityType: string;
  status: string;
  focusAreas: readonly string[];
  deliveryModes: readonly string[];
  languages: readonly string[];
  quantity: number;
  quantityMatched: number;
  groupSize: number | null;
  studentAge: number | null;
  /** Calendar dates, YYYY-MM-DD. */
  earliestDate: string;
  latestDate: string;
  maxTravelKm: number | null;
  /** The school's place, when known. */
  place: Place | null;
  /** A priority school (set by the region's coordinator). */
  priority: boolean;
  /** The school's socio-economic need index, 0–100 (set by the region's coordinator); null or absent when unknown. */
  needIndex?: number | null;
  /** The request's region; absent when not known (then the region rule does not exclude). */
  regionCode?: string | null;
}

export interface OfferFacts {
  id: string;
  organizationId: string;
  activityType: string;
  status: string;
  focusAreas: readonly string[];
  deliveryModes: readonly string[];
  languages: readonly string[];
  capacity: number;
  capacityHeld: number;
  groupSizeMax: number | null;
  minStudentAge: number | null;
  availableFrom: string;
  availableUntil: string;
  travelRadiusKm: number | null;
  /** The partner's place, when known. */
  place: Place | null;
  /** The offer's own region; absent when not known (then the region rule does not exclude). */
  regionCode?: string | null;
  /** Regions beyond its own that the offer also serves (issue 16). */
  alsoServesRegionCodes?: readonly string[] | null;
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Days the two inclusive date ranges share (0 when they do not overlap). */
export function overlapDays(aFrom: string, aUntil: string, bFrom: string, bUntil: string): number {
  const from = aFrom > bFrom ? aFrom : bFrom;
  const until = aUntil < bUntil ? aUntil : bUntil;
  return until < from ? 0 : daysBetween(from, until) + 1;
}
