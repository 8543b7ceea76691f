import type { FocusArea } from '@brobygge/catalog';
import { femaleShare, leastActive, relabel, StoredReport, toStored } from './follow-up-report';
import type { ImpactReport, ReportBucket } from './impact-report.service';

const g = { female: 0, male: 0, nonBinary: 0, unknown: 0 };
const bucket = (key: string, label: string, activities: number, studentsReached = 0): ReportBucket => ({
  key,
  label,
  activities,
  studentsReached,
  quantityRequested: 0,
  quantityMatched: 0,
  participantsByGender: g,
});

describe('the stored follow-up report', () => {
  it('keeps what a target measured, not who set it, and schools by id, name and district only', () => {
    const target = {
      id: 't1',
      regionCode: 'se-malmo',
      measure: 'STUDENTS_REACHED',
      value: 10,
      from: '2026-01-01',
      to: '2026-06-30',
      createdById: 'u1',
      focusAreaCode: null,
    };
    const report = {
      schoolsWithoutActivity: [{ id: 's1', name: 'Skola', district: 'Oxie', contact: { name: 'Anna', email: 'anna@example.org' } }],
      previous: null,
      targets: [{ target, actual: 12, met: true }],
    } as unknown as ImpactReport;
    const stored = toStored(report);
    expect(stored.targets[0]).toEqual({ target: { ...target, createdById: null }, actual: 12, met: true });
    expect(stored.schoolsWithoutActivity).toEqual([{ id: 's1', name: 'Skola', district: 'Oxie' }]);
    expect(JSON.stringify(stored)).not.toMatch(/u1|anna/);
  });

  it('lists the five least active buckets, without "unknown", fewest activities, then students, then name', () => {
    const districts = [
      bucket('Limhamn', 'Limhamn', 2),
      bucket('unknown', 'Unknown district', 0),
      bucket('Fosie', 'Fosie', 0, 5),
      bucket('Hyllie', 'Hyllie', 0, 0),
      bucket('Annelund', 'Annelund', 0, 0),
      bucket('Rosengård', 'Rosengård', 1),
      bucket('Centrum', 'Centrum', 3),
      bucket('Oxie', 'Oxie', 9),
    ];
    expect(leastActive(districts, 'sv').map((d) => d.label)).toEqual(['Annelund', 'Hyllie', 'Fosie', 'Rosengård', 'Limhamn']);
    expect(leastActive(districts, 'sv', new Set(['Oxie', 'Fosie'])).map((d) => d.label)).toEqual(['Fosie', 'Oxie']);
  });

  it('counts the female share among reported genders, as the FEMALE_SHARE target does', () => {
    expect(femaleShare({ participantsByGender: { female: 10, male: 12, nonBinary: 1, unknown: 2 } })).toBe(0.4348);
    expect(femaleShare({ participantsByGender: { female: 0, male: 0, nonBinary: 0, unknown: 7 } })).toBeNull();
  });

  it("relabels a report stored in English in the reader's language, districts in their order", () => {
    const areas = [
      { code: 'process-technology', parentCode: null, nameSv: 'Processteknik', nameDa: 'Procesteknologi', nameNb: 'Prosessteknologi', nameEn: 'Process technology' },
    ] as FocusArea[];
    const stored = {
      byFocusArea: [bucket('process-technology', 'Process technology', 1)],
      byActivityType: [bucket('GUEST_LECTURE', 'Guest lecture', 1)],
      byDistrict: [bucket('unknown', 'Unknown district', 0), bucket('Östra', 'Östra', 0), bucket('Ängen', 'Ängen', 0), bucket('Oxie', 'Oxie', 0)],
      bySchoolLevel: [bucket('PRIMARY', 'Primary', 0)],
      byNeed: [bucket('0-25', 'Need index 0–25', 0)],
      previous: null,
    } as unknown as StoredReport;
    const sv = relabel(stored, 'sv', areas);
    expect(sv.byFocusArea[0].label).toBe('Processteknik');
    expect(sv.byActivityType[0].label).toBe('Gästföreläsning');
    expect(sv.byDistrict.map((d) => d.label)).toEqual(['Oxie', 'Ängen', 'Östra', 'Okänt område']);
    expect(sv.bySchoolLevel[0].label).toBe('Lågstadiet och mellanstadiet');
    expect(sv.byNeed[0].label).toBe('Behovsindex 0–25');
    expect(relabel(stored, 'en', areas).byDistrict.map((d) => d.key)).toEqual(['Ängen', 'Östra', 'Oxie', 'unknown']);
  });
});
