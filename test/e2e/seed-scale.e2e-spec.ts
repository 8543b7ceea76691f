import { runScript } from '../support/processes';
import { databaseUrl } from '../support/database';
import { startStack, TestStack } from '../support/stack';

describe('npm run seed -- --scale N', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  const env = () => ({ DATABASE_URL: databaseUrl(stack.dbName), REDIS_URL: stack.config.REDIS_URL });

  it('adds N published offers and N/2 open requests over every region, owned by verified synthetic organisations', async () => {
    const run = await runScript('scripts/seed.ts', ['--scale', '2000'], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seeded 2000 offers and 1000 requests/);
    const q = (sql: string) => stack.dataSource.query(sql);
    expect(await q(`SELECT status, count(*)::int AS n FROM offer GROUP BY status`)).toEqual([{ status: 'PUBLISHED', n: 2000 }]);
    expect(await q(`SELECT status, count(*)::int AS n FROM collaboration_request GROUP BY status`)).toEqual([{ status: 'OPEN', n: 1000 }]);
    const regions = (await q(`SELECT code FROM region`)).map((r: { code: string }) => r.code).sort();
    const offerRegions = await q(`SELECT region_code, count(*)::int AS n FROM offer GROUP BY region_code ORDER BY region_code`);
    expect(offerRegions.map((r: { region_code: string }) => r.region_code)).toEqual(regions);
    for (const r of offerRegions) expect(r.n).toBeGreaterThan(200); // about 400 each
    // Each item lies in its owner's region, in its language, and keeps the catalogue's rules.
    expect(
      await q(`SELECT count(*)::int AS n FROM offer o JOIN organization g ON g.id = o.organization_id
               WHERE g.region_code <> o.region_code OR g.kind = 'SCHOOL' OR NOT g.verified
                  OR o.available_until < o.available_from OR o.capacity NOT BETWEEN 1 AND 1000
                  OR o.languages[1] <> CASE g.country_code WHEN 'DK' THEN 'da' WHEN 'NO' THEN 'nb' ELSE 'sv' END
                  OR NOT o.focus_areas <@ (SELECT array_agg(code) FROM focus_area)`),
    ).toEqual([{ n: 0 }]);
    expect(
      await q(`SELECT count(*)::int AS n FROM collaboration_request r JOIN organization g ON g.id = r.organization_id
               WHERE g.region_code <> r.region_code OR g.kind <> 'SCHOOL' OR r.latest_date < r.earliest_date`),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses a scale that is not a positive whole number, with a one-line message', async () => {
    const run = await runScript('scripts/seed.ts', ['--scale', 'lots'], env());
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('seed: --scale needs a whole number of offers between 1 and 5000000, e.g. --scale 100000');
  });
});
