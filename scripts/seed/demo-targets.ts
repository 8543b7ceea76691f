/**
 * The Malmö coordinator's targets for the past year (issue 15), so that the impact report
 * has some to measure: one met, one not (docs/demo.md). Idempotent: a target of the same
 * region, measure and focus area that the seed set before is left as it is.
 */
import type { EntityManager } from 'typeorm';

const DAY = 86_400_000;

/** region, measure, focus area, value — the period is the year up to the day of the first seed. */
const TARGETS: Array<[string, string, string | null, number]> = [
  // 16 collaborations in Malmö over the year: met.
  ['se-malmo', 'ACTIVITIES_COMPLETED', null, 10],
  // Limhamns gymnasium and Värnhemsskolan had nothing: at most 6 of 8 schools, not met.
  ['se-malmo', 'SCHOOLS_REACHED_SHARE', null, 0.9],
  // Girls in technology, energy and green tech.
  ['se-malmo', 'FEMALE_SHARE', 'tech-energy-green', 0.4],
];

export async function seedTargets(m: EntityManager, coordinatorId: string, now: Date): Promise<void> {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 364 * DAY).toISOString().slice(0, 10);
  for (const [region, measure, focusArea, value] of TARGETS) {
    await m.query(
      `INSERT INTO target (region_code, measure, focus_area_code, value, from_date, to_date, created_by_id)
       SELECT $1::varchar, $2::varchar, $3::varchar, $4::float8, $5::date, $6::date, $7::uuid
        WHERE NOT EXISTS (SELECT 1 FROM target WHERE region_code = $1 AND measure = $2 AND focus_area_code IS NOT DISTINCT FROM $3 AND created_by_id = $7)`,
      [region, measure, focusArea, value, from, to, coordinatorId],
    );
  }
}
