/**
 * Issue #8: the impact report for one region over a year, at 100,000 offers, 50,000
 * requests and 20,000 completed matches, through the API (the contract's ImpactReport
 * operation), one request at a time as a coordinator would ask, and 4 at a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@brobygge/database';
import { seedScale, seedScaleHistory } from '../scripts/seed/scale';
import { benchDatabase, benchUser, fmt, graphql, load, log, percentile, startApi } from './support';

const OPERATIONS = join(__dirname, '..', '..', 'shared', 'api', 'operations', 'followup.graphql');

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

export async function impactBench(o: { offers: number; completed: number; samples: number; seconds: number }): Promise<void> {
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
    } finally {
      await api.stop();
    }
    await ds.destroy();
  } finally {
    await db.drop();
  }
}
