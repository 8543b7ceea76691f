import { InvalidInputError } from '@brobygge/core';
import { alsoServesRegionCodes, MAX_ALSO_SERVES } from './catalog.validation';

describe('alsoServesRegionCodes (issue 16): the regions an offer also serves', () => {
  const regions = ['se-malmo', 'se-skane', 'se-stockholm', 'no-troms', 'dk-hovedstaden'];
  const field = 'input.alsoServesRegionCodes';

  it("keeps known codes once each, in the regions' order, and drops the offer's own region", () => {
    expect(alsoServesRegionCodes(field, ['no-troms', 'se-malmo', 'dk-hovedstaden', 'se-malmo'], regions, 'dk-hovedstaden')).toEqual(['se-malmo', 'no-troms']);
    expect(alsoServesRegionCodes(field, [], regions, 'se-malmo')).toEqual([]);
    expect(alsoServesRegionCodes(field, ['se-malmo'], regions, 'se-malmo')).toEqual([]);
  });

  it('refuses an unknown code, naming the field and the code', () => {
    expect(() => alsoServesRegionCodes(field, ['se-malmo', 'xx-nowhere'], regions, 'dk-hovedstaden')).toThrow(InvalidInputError);
    let caught: unknown;
    try {
      alsoServesRegionCodes(field, ['XX'], regions, 'dk-hovedstaden');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).extensions).toMatchObject({ field });
    expect((caught as Error).message).toContain('"XX"');
  });

  it(`refuses more than ${MAX_ALSO_SERVES} regions besides its own (repeats and its own do not count)`, () => {
    const many = Array.from({ length: 12 }, (_, i) => `r-${i}`);
    expect(alsoServesRegionCodes(field, [...many.slice(0, 10), 'r-0', 'r-11'], many, 'r-11')).toHaveLength(10);
    expect(() => alsoServesRegionCodes(field, many.slice(0, 11), many, 'r-11')).toThrow(/at most 10/);
  });
});
