import { InvalidInputError } from '@brobygge/core';
import { OrganizationKind, SchoolLevel } from './enums';
import { OrganizationProfileChanges, OrganizationProfiles } from './organization-profiles.service';

const school = { kind: OrganizationKind.SCHOOL };
const field = (input: OrganizationProfileChanges, org = school): string | undefined => {
  try {
    OrganizationProfiles.validate(org, input);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.field;
    throw e;
  }
  return undefined;
};

describe('OrganizationProfiles.validate', () => {
  it('changes only what is given; null clears, and empties lists', () => {
    expect(OrganizationProfiles.validate(school, {})).toEqual({});
    expect(OrganizationProfiles.validate(school, { pupilCount: 12 })).toEqual({ pupilCount: 12 });
    expect(
      OrganizationProfiles.validate(school, {
        district: null,
        latitude: null,
        longitude: null,
        description: '  ',
        pupilCount: null,
        contact: null,
        programmes: null,
        schoolLevels: null,
      }),
    ).toEqual({ district: null, latitude: null, longitude: null, description: null, pupilCount: null, contact: null, programmes: [], schoolLevels: [] });
  });

  it('normalises programmes and levels, and trims the contact', () => {
    expect(
      OrganizationProfiles.validate(school, {
        programmes: [' na', 'TE', 'NA'],
        schoolLevels: [SchoolLevel.PRIMARY, SchoolLevel.PRIMARY],
        contact: { name: ' Anna ', email: 'Anna@Skola.SE', phone: '+46 (40) 12-34 56', role: '' },
      }),
    ).toEqual({
      programmes: ['NA', 'TE'],
      schoolLevels: [SchoolLevel.PRIMARY],
      contact: { name: 'Anna', email: 'anna@skola.se', phone: '+46 (40) 12-34 56', role: null },
    });
  });

  it('names the first wrong field', () => {
    expect(field({ name: null })).toBe('input.name');
    expect(field({ latitude: 55 })).toBe('input.longitude');
    expect(field({ latitude: Number.POSITIVE_INFINITY, longitude: 13 })).toBe('input.latitude');
    expect(field({ programmes: ['NA', 'N4'] })).toBe('input.programmes.1');
    expect(field({ pupilCount: 2.5 })).toBe('input.pupilCount');
    expect(field({ schoolLevels: ['NURSERY' as SchoolLevel] })).toBe('input.schoolLevels.0');
    expect(field({ contact: { name: 'A', phone: '++46' } })).toBe('input.contact.phone');
    expect(field({ name: '', pupilCount: -1 })).toBe('input.name');
  });

  it('keeps levels, programmes and pupil counts to schools', () => {
    const company = { kind: OrganizationKind.COMPANY };
    expect(field({ schoolLevels: [SchoolLevel.OTHER] }, company)).toBe('input.schoolLevels');
    expect(field({ programmes: ['NA'] }, company)).toBe('input.programmes');
    expect(field({ pupilCount: 3 }, company)).toBe('input.pupilCount');
    expect(field({ schoolLevels: [], programmes: null, pupilCount: null }, company)).toBeUndefined();
  });
});
