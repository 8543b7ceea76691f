import { stringify } from 'csv-stringify/sync';
import type { Locale } from '@brobygge/core';
import type { ImpactReport, ReportBucket, TargetProgress } from './impact-report.service';
import { TargetMeasure } from './target.entity';

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

const TARGET_LABELS: Record<Locale, Record<TargetMeasure, string>> = {
  sv: {
    SCHOOLS_REACHED_SHARE: 'Andel nådda skolor',
    STUDENTS_REACHED: 'Nådda elever',
    FEMALE_SHARE: 'Andel flickor',
    ACTIVITIES_COMPLETED: 'Genomförda aktiviteter',
    QUANTITY_MATCHED: 'Matchat antal',
    FILL_RATE: 'Andel matchad',
  },
  da: {
    SCHOOLS_REACHED_SHARE: 'Andel skoler nået',
    STUDENTS_REACHED: 'Elever nået',
    FEMALE_SHARE: 'Andel piger',
    ACTIVITIES_COMPLETED: 'Gennemførte aktiviteter',
    QUANTITY_MATCHED: 'Matchet antal',
    FILL_RATE: 'Andel matchet',
  },
  nb: {
    SCHOOLS_REACHED_SHARE: 'Andel skoler nådd',
    STUDENTS_REACHED: 'Elever nådd',
    FEMALE_SHARE: 'Andel jenter',
    ACTIVITIES_COMPLETED: 'Gjennomførte aktiviteter',
    QUANTITY_MATCHED: 'Matchet antall',
    FILL_RATE: 'Andel matchet',
  },
  en: {
    SCHOOLS_REACHED_SHARE: 'Share of schools reached',
    STUDENTS_REACHED: 'Students reached',
    FEMALE_SHARE: 'Female share',
    ACTIVITIES_COMPLETED: 'Activities completed',
    QUANTITY_MATCHED: 'Quantity matched',
    FILL_RATE: 'Fill rate',
  },
};

const BUCKET_HEADER = ['key', 'label', 'activities', 'studentsReached', 'quantityRequested', 'quantityMatched', 'female', 'male', 'nonBinary', 'unknown'];
const TARGET_HEADER = ['id', 'region', 'measure', 'label', 'focusArea', 'activityType', 'value', 'from', 'to', 'actual', 'met'];

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
  buckets.map((x) => [
    safe(x.key),
    safe(x.label),
    ...[x.activities, x.studentsReached, x.quantityRequested, x.quantityMatched].map(num),
    ...[x.participantsByGender.female, x.participantsByGender.male, x.participantsByGender.nonBinary, x.participantsByGender.unknown].map(num),
  ]);
const targetRows = (targets: TargetProgress[], locale: Locale) =>
  targets.map(({ target: t, actual, met }) => [
    t.id,
    t.regionCode,
    t.measure,
    TARGET_LABELS[locale][t.measure],
    t.focusAreaCode ?? '',
    t.activityType ?? '',
    String(t.value),
    t.from,
    t.to,
    String(actual),
    String(met),
  ]);

/**
 * The impact report as CSV (RFC 4180, comma-separated, UTF-8 with BOM): the same numbers
 * as the GraphQL report, one section per breakdown. Each section starts with a row
 * `section,<name>` and its header row, and ends with an empty line. The summary has the
 * previous period's number beside each of this period's; the targets come last.
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
        ['previousFrom', report.previous?.from ?? ''],
        ['previousTo', report.previous?.to ?? ''],
        ['generatedAt', generatedAt.toISOString()],
      ],
    ],
    [
      'summary',
      ['measure', 'label', 'value', 'previous'],
      MEASURES.map((m) => [m, MEASURE_LABELS[locale][m], num(report[m]), report.previous ? num(report.previous[m]) : '']),
    ],
    [
      'participantsByGender',
      ['female', 'male', 'nonBinary', 'unknown'],
      [[report.participantsByGender.female, report.participantsByGender.male, report.participantsByGender.nonBinary, report.participantsByGender.unknown].map(String)],
    ],
    ['byFocusArea', BUCKET_HEADER, bucketRows(report.byFocusArea)],
    ['byActivityType', BUCKET_HEADER, bucketRows(report.byActivityType)],
    ['byDistrict', BUCKET_HEADER, bucketRows(report.byDistrict)],
    ['bySchoolLevel', BUCKET_HEADER, bucketRows(report.bySchoolLevel)],
    ['byNeed', BUCKET_HEADER, bucketRows(report.byNeed)],
    ['schoolsWithoutActivity', ['id', 'name', 'district'], report.schoolsWithoutActivity.map((s) => [s.id, safe(s.name), safe(s.district)])],
    ['targets', TARGET_HEADER, targetRows(report.targets, locale)],
  ];
  const records = sections.flatMap(([name, header, rows]) => [['section', name], header, ...rows, []]);
  return UTF8_BOM + stringify(records, { record_delimiter: 'windows' });
}
