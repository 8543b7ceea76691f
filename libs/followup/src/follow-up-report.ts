import { ActivityType, FocusArea, focusAreaName } from '@brobygge/catalog';
import type { Locale } from '@brobygge/core';
import type { ImpactReport, ReportBucket, TargetProgress } from './impact-report.service';
import { UNKNOWN } from './impact-report.queries';
import { activityTypeLabel, needBandLabel, schoolLevelLabel, unknownDistrictLabel } from './labels';

/** A school without activity as a follow-up keeps it: no contact, no people (the row may change or go later). */
export interface StoredSchool {
  id: string;
  name: string;
  district: string | null;
}

/**
 * The impact report as follow_up.report stores it: the numbers and buckets as the report
 * gave them (labels in STORED_LOCALE, replaced for each reader), the schools without
 * activity as id, name and district, the targets as they were measured, and `previous`
 * the schedule's period before (its own previous null, its targets empty).
 */
export interface StoredReport extends Omit<ImpactReport, 'schoolsWithoutActivity' | 'previous'> {
  schoolsWithoutActivity: StoredSchool[];
  previous: StoredReport | null;
}

/** The language the stored labels are in; every reader gets theirs (relabel). */
export const STORED_LOCALE: Locale = 'en';

export function toStored(report: ImpactReport): StoredReport {
  return {
    ...report,
    schoolsWithoutActivity: report.schoolsWithoutActivity.map((s) => ({ id: s.id, name: s.name, district: s.district ?? null })),
    previous: report.previous ? toStored(report.previous) : null,
    // What was measured, without who set the target (createdById is personal data, and a
    // stored report is kept after that account is erased).
    targets: report.targets.map((t) => {
      const { createdById: _who, ...target } = t.target;
      return { target: { ...target, createdById: null }, actual: t.actual, met: t.met };
    }) as TargetProgress[],
  };
}

/**
 * The stored report with every label in `locale`, as the live report would say it: focus
 * areas by the taxonomy, activity types, school levels and need bands by their labels, the
 * "unknown" district by its label (other districts are names), districts sorted as the
 * report sorts them.
 */
export function relabel(report: StoredReport, locale: Locale, focusAreas: readonly FocusArea[]): StoredReport {
  const areas = new Map(focusAreas.map((f) => [f.code, f]));
  const each = (buckets: ReportBucket[], label: (key: string) => string | undefined) => buckets.map((b) => ({ ...b, label: label(b.key) ?? b.label }));
  return {
    ...report,
    byFocusArea: each(report.byFocusArea, (k) => (areas.has(k) ? focusAreaName(areas.get(k)!, locale) : undefined)),
    byActivityType: each(report.byActivityType, (k) => activityTypeLabel(k as ActivityType, locale)),
    byDistrict: each(report.byDistrict, (k) => (k === UNKNOWN ? unknownDistrictLabel(locale) : k)).sort(
      (a, b) => Number(a.key === UNKNOWN) - Number(b.key === UNKNOWN) || a.key.localeCompare(b.key, locale),
    ),
    bySchoolLevel: each(report.bySchoolLevel ?? [], (k) => schoolLevelLabel(k, locale)),
    byNeed: each(report.byNeed ?? [], (k) => needBandLabel(k, locale)),
    previous: report.previous ? relabel(report.previous, locale, focusAreas) : null,
  };
}

/** Girls' share of the participants whose gender the schools reported (as the FEMALE_SHARE target counts it); null without any. */
export function femaleShare(report: Pick<ImpactReport, 'participantsByGender'>): number | null {
  const g = report.participantsByGender;
  const known = g.female + g.male + g.nonBinary;
  return known > 0 ? Math.round((g.female / known) * 10000) / 10000 : null;
}

/**
 * The five buckets with the least activity (fewest completed activities, then students
 * reached, then name), without the "unknown" bucket; `only` keeps the keys that exist in
 * the region (school levels its schools have).
 */
export function leastActive(
  buckets: readonly ReportBucket[],
  locale: Locale,
  only?: ReadonlySet<string>,
): Array<{ label: string; activities: number; studentsReached: number }> {
  return buckets
    .filter((b) => b.key !== UNKNOWN && (!only || only.has(b.key)))
    .sort((a, b) => a.activities - b.activities || a.studentsReached - b.studentsReached || a.label.localeCompare(b.label, locale))
    .slice(0, 5)
    .map((b) => ({ label: b.label, activities: b.activities, studentsReached: b.studentsReached }));
}
