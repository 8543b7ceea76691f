/**
 * Issue 15: the school register import through the API (`POST /imports/schools`, a real
 * API process): a 5,000-school file imported for the first time, the same file again (all
 * unchanged), the file with every pupil count changed (all updated), a dry run, and a
 * file of 20,000 schools (the most one file may hold).
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@brobygge/database';
import { syntheticSchoolsCsv } from './schools';
import { benchDatabase, benchUser, fmt, log, percentile, startApi } from './support';

interface ImportAnswer {
  created: number;
  updated: number;
  unchanged: number;
  errors: unknown[];
}

async function post(url: string, token: string, region: string, csv: string, dryRun = false): Promise<{ ms: number; answer: ImportAnswer }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/imports/schools?region=${region}${dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${token}` },
    body: csv,
  });
  const answer = (await res.json()) as ImportAnswer;
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return { ms, answer };
}

const counts = (a: ImportAnswer) => `${a.created} created, ${a.updated} updated, ${a.unchanged} unchanged`;

export async function importBench(o: { schools: number; largest: number; repeat: number }): Promise<void> {
  log(`\n## School register import: ${o.schools.toLocaleString('en-US')} schools in one file through POST /imports/schools`);
  const db = await benchDatabase();
  try {
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    const api = await startApi(db.url);
    try {
      const token = await benchUser(api.url, 'coordinator@bench.example');
      await ds.query(
        `INSERT INTO coordinator_region (user_id, region_code) SELECT id, r FROM app_user, unnest(ARRAY['se-malmo', 'se-stockholm']) r WHERE email = 'coordinator@bench.example'`,
      );
      const csv = syntheticSchoolsCsv(o.schools, 'se-malmo');
      log(`file: ${fmt(Buffer.byteLength(csv) / 1024 / 1024, 2)} MB`);

      const dry = await post(api.url, token, 'se-malmo', csv, true);
      log(`dry run (nothing stored yet): ${fmt(dry.ms, 0)} ms — ${counts(dry.answer)}`);
      const first = await post(api.url, token, 'se-malmo', csv);
      log(`first import: ${fmt(first.ms, 0)} ms — ${counts(first.answer)}`);
      const again: number[] = [];
      let last = first.answer;
      for (let i = 0; i < o.repeat; i++) {
        const r = await post(api.url, token, 'se-malmo', csv);
        again.push(r.ms);
        last = r.answer;
      }
      log(`re-import of the same file: median ${fmt(percentile(again, 50), 0)} ms over ${o.repeat} — ${counts(last)}`);
      const changed = await post(api.url, token, 'se-malmo', syntheticSchoolsCsv(o.schools, 'se-malmo', { variant: 1 }));
      log(`every pupil count changed: ${fmt(changed.ms, 0)} ms — ${counts(changed.answer)}`);

      const largest = syntheticSchoolsCsv(o.largest, 'se-stockholm', { firstCode: 40_000_000 });
      const big = await post(api.url, token, 'se-stockholm', largest);
      log(
        `${o.largest.toLocaleString('en-US')} schools (${fmt(Buffer.byteLength(largest) / 1024 / 1024, 2)} MB), first import: ${fmt(big.ms, 0)} ms — ${counts(big.answer)}`,
      );
    } finally {
      await api.stop();
      await ds.destroy();
    }
  } finally {
    await db.drop();
  }
}
