import { stringify } from 'csv-stringify/sync';
import type { Locale } from '@brobygge/core';
import type { ImpactReport, ReportBucket } from './impact-report.service';

/** The byte order mark that tells spreadsheet programs the file is UTF-8 (å, ä, ö, æ, ø). */
export const UTF8_BOM = '\uFEFF';

const MEASURES = [
  'activitiesCompleted',
  'studentsReached',
  'schoolsReached',
  'partnersEngaged',
  'quantityRequested',
  'quantityMatched',
  'fillRate',
  'medianDaysToMatch',
  'averageRating',
] as const;

const MEASURE_LABELS: Record<Locale, Record<(typeof MEASURES)[number], string>> = {
  sv: {
    activitiesCompleted: 'Genomförda aktiviteter',
    studentsReached: 'Nådda elever',
    schoolsReached: 'Nådda skolor',
    partnersEngaged: 'Engagerade partner',
    quantityRequested: 'Efterfrågat antal',
    quantityMatched: 'Matchat antal',
    fillRate: 'Andel matchad',
    medianDaysToMatch: 'Median dagar till matchning',
    averageRating: 'Medelbetyg',
  },
  da: {
    activitiesCompleted: 'Gennemførte aktiviteter',
    studentsReached: 'Elever nået',
    schoolsReached: 'Skoler nået',
    partnersEngaged: 'Engagerede partnere',
    quantityRequested: 'Efterspurgt antal',
    quantityMatched: 'Matchet antal',
    fillRate: 'Andel matchet',
    medianDaysToMatch: 'Median dage til match',
    averageRating: 'Gennemsnitlig vurdering',
  },
  nb: {
    activitiesCompleted: 'Gjennomførte aktiviteter',
    studentsReached: 'Elever nådd',
    schoolsReached: 'Skoler nådd',
    partnersEngaged: 'Engasjerte partnere',
    quantityRequested: 'Etterspurt antall',
    quantityMatched: 'Matchet antall',
    fillRate: 'Andel matchet',
    medianDaysToMatch: 'Median dager til match',
    averageRating: 'Gjennomsnittlig vurdering',
  },
  en: {
    activitiesCompleted: 'Activities completed',
    studentsReached: 'Students reached',
    schoolsReached: 'Schools reached',
    partnersEngaged: 'Partners engaged',
    quantityRequested: 'Quantity requested',
    quantityMatched: 'Quantity matched',
    fillRate: 'Fill rate',
    medianDaysToMatch: 'Median days to match',
    averageRating: 'Average rating',
  },
};

const BUCKET_HEADER = ['key', 'label', 'activities', 'studentsReached', 'quantityRequested', 'quantityMatched'];

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe (OWASP "CSV injection"): a school named "=HYPERLINK(...)" stays text.
 */
function safe(text: string | null | undefined): string {
  const value = text ?? '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const num = (n: number | null) => (n === null ? '' : String(n));
const bucketRows = (buckets: ReportBucket[]) =>
  buckets.map((x) => [safe(x.key), safe(x.label), num(x.activities), num(x.studentsReached), num(x.quantityRequested), num(x.quantityMatched)]);

/**
 * The impact report as CSV (RFC 4180, comma-separated, UTF-8 with BOM): the same numbers
 * as the GraphQL report, one section per breakdown. Each section starts with a row
 * `section,<name>` and its header row, and ends with an empty line.
 */
export function impactReportCsv(report: ImpactReport, locale: Locale, generatedAt: Date): string {
  const sections: Array<[name: string, header: string[], rows: string[][]]> = [
    [
      'report',
      ['field', 'value'],
      [
        ['from', report.from],
        ['to', report.to],
        ['regions', report.regionCodes.join(' ')],
        ['generatedAt', generatedAt.toISOString()],
      ],
    ],
    ['summary', ['measure', 'label', 'value'], MEASURES.map((m) => [m, MEASURE_LABELS[locale][m], num(report[m])])],
    [
      'participantsByGender',
      ['female', 'male', 'nonBinary', 'unknown'],
      [[report.participantsByGender.female, report.participantsByGender.male, report.participantsByGender.nonBinary, report.participantsByGender.unknown].map(String)],
    ],
    ['byFocusArea', BUCKET_HEADER, bucketRows(report.byFocusArea)],
    ['byActivityType', BUCKET_HEADER, bucketRows(report.byActivityType)],
    ['byDistrict', BUCKET_HEADER, bucketRows(report.byDistrict)],
    ['schoolsWithoutActivity', ['id', 'name', 'district'], report.schoolsWithoutActivity.map((s) => [s.id, safe(s.name), safe(s.district)])],
  ];
  const records = sections.flatMap(([name, header, rows]) => [['section', name], header, ...rows, []]);
  return UTF8_BOM + stringify(records, { record_delimiter: 'windows' });
}
