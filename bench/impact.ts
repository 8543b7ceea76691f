/**
 * Issue #8: the impact report for one region over a year, at 100,000 offers, 50,000
 * requests and 20,000 completed matches, through the API (the contract's ImpactReport
 * operation), one request at a time as a coordinator would ask, and 4 at a time.
 * Issue 15, point 8: the same with 5,000 imported (unclaimed) schools in the region and
 * a dozen targets, through ImpactReportWithTargets (targets, previous, the equity
 * breakdowns and the schools without activity with their latest outreach).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@brobygge/database';
import { seedScale, seedScaleHistory } from '../scripts/seed/scale';
import { benchDatabase, benchUser, fmt, graphql, load, log, percentile, startApi } from './support';

const OPERATIONS = join(__dirname, '..', '..', 'shared', 'api', 'operations', 'followup.graphql');
const REACH_OPERATIONS = join(__dirname, '..', '..', 'shared', 'api', 'next', 'operations', 'reach.graphql');

/** The figures the log line prints (of the operation's impactReport). */
interface ImpactFigures {
  activitiesCompleted: number;
  studentsReached: number;
  schoolsReached: number;
  partnersEngaged: number;
  quantityRequested: number;
  quantityMatched: number;
  medianDaysToMatch: number | null;
  schoolsWithoutActivity: unknown[];
}

/**
 * `n` schools as the register import leaves them (unclaimed, verified, no members), with
 * school levels (one or two, some none) and a need index (a tenth unknown), in one statement.
 */
async function importSchools(ds: DataSource, region: string, n: number): Promise<number> {
  const [{ count }]: Array<{ count: number }> = await ds.query(
    `WITH ins AS (
       INSERT INTO organization (kind, name, region_code, municipality, district, country_code, verified, claimed, registry_code, school_levels, pupil_count, need_index)
       SELECT 'SCHOOL', 'Importerad skola ' || i, $1, 'Malmö', 'Stadsdel ' || (i % 12), 'SE', true, false, 'BENCH' || lpad(i::text, 8, '0'),
              CASE i % 6 WHEN 0 THEN '{}'::varchar[] WHEN 1 THEN '{PRIMARY}' WHEN 2 THEN '{PRIMARY,LOWER_SECONDARY}' WHEN 3 THEN '{UPPER_SECONDARY}'
                        WHEN 4 THEN '{ADULT_EDUCATION}' ELSE '{SPECIAL,OTHER}' END,
              100 + i % 900, CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 37) % 101 END
         FROM generate_series(1, $2::int) i
       RETURNING 1)
     SELECT count(*)::int AS count FROM ins`,
    [region, n],
  );
  // The synthetic schools of the scale seed get profiles too, so that every band and level has activities.
  await ds.query(
    `UPDATE organization SET need_index = (abs(hashtext(id::text)) % 101), school_levels = ARRAY[(ARRAY['PRIMARY','LOWER_SECONDARY','UPPER_SECONDARY'])[1 + abs(hashtext(name)) % 3]]::varchar[]
      WHERE kind = 'SCHOOL' AND claimed AND region_code = $1`,
    [region],
  );
  return count;
}

/** A dozen targets over the report's year: every measure, some narrowed by a focus area or an activity type. */
async function setTargets(ds: DataSource, region: string, from: string, to: string): Promise<number> {
  const rows: Array<[string, string | null, string | null, number]> = [
    ['SCHOOLS_REACHED_SHARE', null, null, 0.25],
    ['STUDENTS_REACHED', null, null, 5000],
    ['FEMALE_SHARE', null, null, 0.45],
    ['FEMALE_SHARE', 'tech-energy-green', null, 0.4],
    ['FEMALE_SHARE', 'chemistry', null, 0.5],
    ['ACTIVITIES_COMPLETED', null, null, 1000],
    ['ACTIVITIES_COMPLETED', null, 'WORKPLACE_PLACEMENT', 100],
    ['QUANTITY_MATCHED', null, null, 2000],
    ['QUANTITY_MATCHED', 'life-science-health', 'GUEST_LECTURE', 100],
    ['FILL_RATE', null, null, 0.5],
    ['FILL_RATE', 'process-technology', null, 0.6],
    ['STUDENTS_REACHED', 'physics', 'STUDY_VISIT', 200],
  ];
  for (const [measure, focusArea, activityType, value] of rows) {
    await ds.query(`INSERT INTO target (region_code, measure, focus_area_code, activity_type, value, from_date, to_date) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      region,
      measure,
      focusArea,
      activityType,
      value,
      from,
      to,
    ]);
  }
  return rows.length;
}

export async function impactBench(o: { offers: number; completed: number; importedSchools: number; samples: number; seconds: number }): Promise<void> {
  log(
    `\n## Impact report: one region over a year at ${o.offers.toLocaleString('en-US')} offers, ${(o.offers / 2).toLocaleString('en-US')} requests, ${o.completed.toLocaleString('en-US')} completed matches`,
  );
  const db = await benchDatabase();
  try {
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    const seeded = await seedScale(ds, o.offers);
    const history = await seedScaleHistory(ds, o.completed);
    log(
      `seeded ${seeded.offers} offers, ${seeded.requests} requests in ${fmt(seeded.ms / 1000)} s; ${history.completed} completed and ${history.other} other matches, ${history.feedback} feedback in ${fmt(history.ms / 1000)} s`,
    );
    const api = await startApi(db.url);
    try {
      const token = await benchUser(api.url, 'coordinator@bench.example');
      await ds.query(`INSERT INTO coordinator_region (user_id, region_code) SELECT id, 'se-malmo' FROM app_user WHERE email = 'coordinator@bench.example'`);
      await ds.query('CHECKPOINT');
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
      const doc = { query: readFileSync(OPERATIONS, 'utf8'), operationName: 'ImpactReport', variables: { filter: { from, to, regionCodes: ['se-malmo'] } } };
      const first = await graphql<{ impactReport: ImpactFigures }>(api.url, doc, token);
      const r = first.impactReport;
      log(
        `se-malmo, ${from} to ${to}: ${r.activitiesCompleted} activities, ${r.studentsReached} students, ${r.schoolsReached} schools, ${r.partnersEngaged} partners, ` +
          `${r.quantityRequested} requested / ${r.quantityMatched} matched, median ${r.medianDaysToMatch} days, ${r.schoolsWithoutActivity.length} schools without activity`,
      );
      for (let i = 0; i < 10; i++) await graphql(api.url, doc, token); // warm-up
      const times: number[] = [];
      for (let i = 0; i < o.samples; i++) {
        const t0 = performance.now();
        await graphql(api.url, doc, token);
        times.push(performance.now() - t0);
      }
      const p95 = percentile(times, 95);
      log(
        `one at a time, ${o.samples} requests: p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms, max ${fmt(Math.max(...times))} ms; target p95 ≤ 500 ms — ${p95 <= 500 ? 'met' : 'NOT met'}`,
      );
      const four = await load(api.url, doc, token, o.seconds, 4);
      log(`4 at a time for ${o.seconds} s: ${fmt(four.rps)} req/s, p50 ${fmt(four.p50)} ms, p95 ${fmt(four.p95)} ms, ${four.failures} failures`);

      // Issue 15: imported schools and targets, and the report that shows them.
      const imported = await importSchools(ds, 'se-malmo', o.importedSchools);
      const targets = await setTargets(ds, 'se-malmo', from, to);
      await ds.query('ANALYZE');
      log(`\n### With ${imported.toLocaleString('en-US')} imported schools and ${targets} targets in se-malmo (ImpactReportWithTargets)`);
      const withTargets = { query: readFileSync(REACH_OPERATIONS, 'utf8'), operationName: 'ImpactReportWithTargets', variables: doc.variables };
      const answer = await graphql<{ impactReport: ImpactFigures & { previous: ImpactFigures; targets: Array<{ met: boolean }> } }>(api.url, withTargets, token);
      const t = answer.impactReport;
      log(
        `${t.activitiesCompleted} activities (previous year ${t.previous.activitiesCompleted}), ${t.schoolsWithoutActivity.length} schools without activity, ` +
          `${t.targets.length} targets shown, ${t.targets.filter((x) => x.met).length} met`,
      );
      // And the same without each school's latest outreach, and without the list of schools: where the time goes.
      const query = withTargets.query;
      const noOutreach = query.replace(/ outreach\(first: 1\) \{ sentAt respondedAt \}/, '');
      const noSchools = query.replace(/ schoolsWithoutActivity \{[^}]*\{[^}]*\} \}/, '');
      for (const [label, body] of [
        ['the operation', withTargets],
        ['without the outreach of each school', { ...withTargets, query: noOutreach }],
        ['without schoolsWithoutActivity', { ...withTargets, query: noSchools }],
      ] as const) {
        if (body.query === query && label !== 'the operation') throw new Error(`bench: could not cut the operation (${label})`);
        for (let i = 0; i < 10; i++) await graphql(api.url, body, token); // warm-up
        const times: number[] = [];
        const samples = label === 'the operation' ? o.samples : Math.min(o.samples, 50);
        for (let i = 0; i < samples; i++) {
          const t0 = performance.now();
          await graphql(api.url, body, token);
          times.push(performance.now() - t0);
        }
        const p95 = percentile(times, 95);
        log(
          `${label}, one at a time, ${samples} requests: p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms, max ${fmt(Math.max(...times))} ms` +
            (label === 'the operation' ? `; target p95 ≤ 500 ms — ${p95 <= 500 ? 'met' : 'NOT met'}` : ''),
        );
      }
    } finally {
      await api.stop();
    }
    await ds.destroy();
  } finally {
    await db.drop();
  }
}
