import { parse } from 'csv-parse/sync';
import type { Organization } from '@brobygge/identity';
import { impactReportCsv, UTF8_BOM } from './impact-report.csv';
import type { ImpactReport } from './impact-report.service';
import { Target, TargetMeasure } from './target.entity';

const bucket = (key: string, label: string) => ({
  key,
  label,
  activities: 1,
  studentsReached: 2,
  quantityRequested: 3,
  quantityMatched: 4,
  participantsByGender: { female: 5, male: 6, nonBinary: 7, unknown: 8 },
});
const headline = {
  regionCodes: ['se-malmo'],
  activitiesCompleted: 1,
  studentsReached: 2,
  schoolsReached: 1,
  partnersEngaged: 1,
  quantityRequested: 3,
  quantityMatched: 4,
  fillRate: 0.75,
  medianDaysToMatch: null,
  averageRating: 4.5,
  participantsByGender: { female: 1, male: 1, nonBinary: 0, unknown: 0 },
  byFocusArea: [],
  byActivityType: [],
  byDistrict: [],
  bySchoolLevel: [],
  byNeed: [],
  schoolsWithoutActivity: [],
  previous: null,
  targets: [],
};
const target = Object.assign(new Target(), {
  id: 't-1',
  regionCode: 'se-malmo',
  measure: TargetMeasure.FEMALE_SHARE,
  focusAreaCode: 'process-technology',
  activityType: null,
  value: 0.5,
  from: '2026-01-01',
  to: '2026-12-31',
});
const report: ImpactReport = {
  ...headline,
  from: '2026-01-01',
  to: '2026-06-30',
  byFocusArea: [bucket('process-technology', 'Processteknik')],
  byActivityType: [bucket('EVENT', 'Evenemang')],
  byDistrict: [bucket('Södra "Innerstaden", väst', 'Södra "Innerstaden", väst')],
  bySchoolLevel: [bucket('UPPER_SECONDARY', 'Gymnasieskolan')],
  byNeed: [bucket('75-100', 'Behovsindex 75–100')],
  schoolsWithoutActivity: [{ id: 'o-1', name: '=HYPERLINK("http://evil.example")', district: '-Rosengård' } as Organization],
  previous: { ...headline, from: '2025-07-02', to: '2025-12-31', activitiesCompleted: 9, medianDaysToMatch: 2.5 },
  targets: [{ target, actual: 0.4615, met: false }],
};

describe('impactReportCsv', () => {
  const text = impactReportCsv(report, 'sv', new Date('2026-07-01T00:00:00Z'));
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  const section = (name: string) => {
    const start = records.findIndex((r) => r[0] === 'section' && r[1] === name);
    const end = records.findIndex((r, i) => i > start && r[0] === 'section');
    return records.slice(start + 1, end === -1 ? undefined : end);
  };

  it('starts with a BOM and ends sections with an empty line, CRLF between records', () => {
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toContain('\r\n\r\nsection,summary\r\n');
    expect(records.filter((r) => r[0] === 'section').map((r) => r[1])).toEqual([
      'report',
      'summary',
      'participantsByGender',
      'byFocusArea',
      'byActivityType',
      'byDistrict',
      'bySchoolLevel',
      'byNeed',
      'schoolsWithoutActivity',
      'targets',
    ]);
  });

  it('quotes commas and quotes, and writes an unknown number as an empty cell', () => {
    expect(records).toContainEqual(['Södra "Innerstaden", väst', 'Södra "Innerstaden", väst', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(records).toContainEqual(['medianDaysToMatch', 'Median dagar till matchning', '', '2.5']);
    expect(records).toContainEqual(['fillRate', 'Andel matchad', '0.75', '0.75']);
  });

  it('has the participants by gender on every bucket row, the school-level and need sections', () => {
    const header = ['key', 'label', 'activities', 'studentsReached', 'quantityRequested', 'quantityMatched', 'female', 'male', 'nonBinary', 'unknown'];
    for (const name of ['byFocusArea', 'byActivityType', 'byDistrict', 'bySchoolLevel', 'byNeed']) expect(section(name)[0]).toEqual(header);
    expect(section('bySchoolLevel')[1]).toEqual(['UPPER_SECONDARY', 'Gymnasieskolan', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(section('byNeed')[1]).toEqual(['75-100', 'Behovsindex 75–100', '1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it("puts the previous period's number beside each headline number, and its dates in the report section", () => {
    expect(section('summary')[0]).toEqual(['measure', 'label', 'value', 'previous']);
    expect(records).toContainEqual(['activitiesCompleted', 'Genomförda aktiviteter', '1', '9']);
    expect(section('report')).toEqual(
      expect.arrayContaining([
        ['previousFrom', '2025-07-02'],
        ['previousTo', '2025-12-31'],
      ]),
    );
  });

  it('lists the targets with their actual value and whether they are met', () => {
    expect(section('targets')).toEqual([
      ['id', 'region', 'measure', 'label', 'focusArea', 'activityType', 'value', 'from', 'to', 'actual', 'met'],
      ['t-1', 'se-malmo', 'FEMALE_SHARE', 'Andel flickor', 'process-technology', '', '0.5', '2026-01-01', '2026-12-31', '0.4615', 'false'],
    ]);
  });

  it('keeps text that a spreadsheet would run as a formula from running', () => {
    expect(records).toContainEqual(['o-1', `'=HYPERLINK("http://evil.example")`, "'-Rosengård"]);
  });
});
