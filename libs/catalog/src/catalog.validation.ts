import { InvalidInputError, intInRange, text } from '@brobygge/core';
import { DeliveryMode } from './enums';

/** ISO 639-1 language codes. */
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
    'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ' +
    'ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os ' +
    'pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ' +
    'ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
  ).split(' '),
);

export function languages(field: string, values: string[]): string[] {
  if (values.length === 0) throw new InvalidInputError(field, `${field} must name at least one language (ISO 639-1, e.g. sv).`);
  if (values.length > 20) throw new InvalidInputError(field, `${field} may name at most 20 languages.`);
  const codes = values.map((v) => v.trim().toLowerCase());
  const bad = codes.find((c) => !ISO_639_1.has(c));
  if (bad !== undefined) throw new InvalidInputError(field, `${field}: "${bad}" is not an ISO 639-1 language code (e.g. sv, da, nb, en).`);
  return [...new Set(codes)];
}

export function deliveryModes(field: string, values: DeliveryMode[]): DeliveryMode[] {
  if (values.length === 0) throw new InvalidInputError(field, `${field} must name at least one delivery mode.`);
  return [...new Set(values)];
}

export function focusAreaCodes(field: string, values: string[], known: Set<string>): string[] {
  if (values.length === 0) throw new InvalidInputError(field, `${field} must name at least one focus area.`);
  if (values.length > 20) throw new InvalidInputError(field, `${field} may name at most 20 focus areas.`);
  const unknown = values.find((v) => !known.has(v));
  if (unknown !== undefined) throw new InvalidInputError(field, `${field}: there is no focus area "${unknown}"; see the focusAreas query.`);
  return [...new Set(values)];
}

/** At most this many regions beyond its own that an offer also serves. */
export const MAX_ALSO_SERVES = 10;

/**
 * Regions an offer also serves (issue 16): known region codes, at most ten, without
 * repeats; the offer's own region is dropped (it serves that one anyway). Returned in the
 * order of `regions` (the regions query's), so that the answer does not depend on the
 * order given.
 */
export function alsoServesRegionCodes(field: string, values: string[], regions: readonly string[], own: string): string[] {
  const known = new Set(regions);
  const unknown = values.find((v) => !known.has(v));
  if (unknown !== undefined) throw new InvalidInputError(field, `${field}: there is no region "${unknown}"; see the regions query.`);
  const wanted = new Set(values.filter((v) => v !== own));
  if (wanted.size > MAX_ALSO_SERVES) throw new InvalidInputError(field, `${field} may name at most ${MAX_ALSO_SERVES} regions besides the organisation's own.`);
  return regions.filter((r) => wanted.has(r));
}

export function optionalInt(field: string, value: number | null | undefined, min: number, max: number): number | null {
  return value === null || value === undefined ? null : intInRange(field, value, min, max);
}

/** Two calendar dates in order; with `today`, the first may not lie in the past. */
export function dateRange(fromField: string, from: string, untilField: string, until: string, today?: string): void {
  if (until < from) throw new InvalidInputError(untilField, `${untilField} must not be before ${fromField}.`);
  if (today !== undefined && from < today) throw new InvalidInputError(fromField, `${fromField} must not be in the past.`);
}

/** A Postgres tsquery for prefix matching of every word: "kem lab" → kem:* & lab:*. */
export function prefixQuery(field: string, search: string): string | null {
  if (search.length > 200) throw new InvalidInputError(field, `${field} must be at most 200 characters.`);
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length
    ? words
        .slice(0, 10)
        .map((w) => `${w}:*`)
        .join(' & ')
    : null;
}

/** The fields offers and requests share, validated the same way. */
export interface DescribedInput {
  title?: string | null;
  description?: string | null;
  focusAreas?: string[] | null;
  deliveryModes?: DeliveryMode[] | null;
  languages?: string[] | null;
}

export function describedFields(input: DescribedInput, knownFocusAreas: Set<string>): DescribedInput {
  const out: DescribedInput = {};
  if (input.title != null) out.title = text('input.title', input.title, { max: 200 });
  if (input.description != null) out.description = text('input.description', input.description, { max: 5000 });
  if (input.focusAreas != null) out.focusAreas = focusAreaCodes('input.focusAreas', input.focusAreas, knownFocusAreas);
  if (input.deliveryModes != null) out.deliveryModes = deliveryModes('input.deliveryModes', input.deliveryModes);
  if (input.languages != null) out.languages = languages('input.languages', input.languages);
  return out;
}
