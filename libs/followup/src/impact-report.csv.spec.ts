import { parse } from 'csv-parse/sync';
import type { Organization } from '@brobygge/identity';
import { impactReportCsv, UTF8_BOM } from './impact-report.csv';
import type { ImpactReport } from './impact-report.service';

const bucket = (key: string, label: string) => ({ key, label, activities: 1, studentsReached: 2, quantityRequested: 3, quantityMatched: 4 });
const report: ImpactReport = {
  from: '2026-01-01',
  to: '2026-06-30',
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
  byFocusArea: [bucket('process-technology', 'Processteknik')],
  byActivityType: [bucket('EVENT', 'Evenemang')],
  byDistrict: [bucket('Södra "Innerstaden", väst', 'Södra "Innerstaden", väst')],
  schoolsWithoutActivity: [{ id: 'o-1', name: '=HYPERLINK("http://evil.example")', district: '-Rosengård' } as Organization],
};

describe('impactReportCsv', () => {
  const text = impactReportCsv(report, 'sv', new Date('2026-07-01T00:00:00Z'));
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });

  it('starts with a BOM and ends sections with an empty line, CRLF between records', () => {
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text).toContain('\r\n\r\nsection,summary\r\n');
  });

  it('quotes commas and quotes, and writes an unknown number as an empty cell', () => {
    expect(records).toContainEqual(['Södra "Innerstaden", väst', 'Södra "Innerstaden", väst', '1', '2', '3', '4']);
    expect(records).toContainEqual(['medianDaysToMatch', 'Median dagar till matchning', '']);
    expect(records).toContainEqual(['fillRate', 'Andel matchad', '0.75']);
  });

  it('keeps text that a spreadsheet would run as a formula from running', () => {
    expect(records).toContainEqual(['o-1', `'=HYPERLINK("http://evil.example")`, "'-Rosengård"]);
  });
});
