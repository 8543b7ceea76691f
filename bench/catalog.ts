/**
 * Issue #4: the catalogue under load. Ceiling `{ __typename }` against the `Offers`
 * operation of the contract (region + focus-area filter, first 20) at 100,000 offers.
 * Issue 17: what a signed-in request costs, an authenticated `{ me { id } }` against an
 * anonymous `{ __typename }` (the viewer cache; target ≥ 70 %).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@brobygge/database';
import { seedScale } from '../scripts/seed/scale';
import { benchDatabase, benchUser, fmt, graphql, load, LoadResult, log, startApi } from './support';

const OPERATIONS = join(__dirname, '..', '..', 'shared', 'api', 'operations', 'catalog.graphql');

export interface CatalogBenchOptions {
  offers: number;
  seconds: number;
  connections: number;
}

export async function catalogBench(o: CatalogBenchOptions): Promise<void> {
  log(`\n## Catalogue: { __typename } vs Offers (region + focus area, first 20) at ${o.offers.toLocaleString('en-US')} offers`);
  const db = await benchDatabase();
  try {
    const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    const seeded = await seedScale(ds, o.offers);
    await ds.destroy();
    log(`seeded ${seeded.offers} offers and ${seeded.requests} requests in ${fmt(seeded.ms / 1000)} s`);

    const api = await startApi(db.url);
    try {
      const token = await benchUser(api.url);
      const variables = { filter: { regionCodes: ['se-malmo'], focusAreas: ['life-science-health'] }, first: 20 };
      const offersDoc = { query: readFileSync(OPERATIONS, 'utf8'), operationName: 'Offers', variables };
      const check = await graphql<{ offers: { totalCount: number; edges: unknown[] } }>(api.url, offersDoc, token);
      log(`the filter matches ${check.offers.totalCount} offers; a page returns ${check.offers.edges.length}`);

      // Anonymous and signed-in in turn, twice, so that the machine's drift hits both alike.
      const anonymous: LoadResult[] = [];
      const me: LoadResult[] = [];
      for (let i = 0; i < 2; i++) {
        anonymous.push(await load(api.url, { query: '{ __typename }' }, null, o.seconds, o.connections));
        me.push(await load(api.url, { query: '{ me { id } }' }, token, o.seconds, o.connections));
      }
      const ceiling = await load(api.url, { query: '{ __typename }' }, token, o.seconds, o.connections);
      const offers = await load(api.url, offersDoc, token, o.seconds, o.connections);
      // For honesty: the same with the response cache off, i.e. what a first or unusual query costs.
      const uncachedApi = await startApi(db.url, { RESPONSE_CACHE_MB: '0' });
      let uncached: LoadResult;
      try {
        uncached = await load(uncachedApi.url, offersDoc, await benchUser(uncachedApi.url), o.seconds, o.connections);
      } finally {
        await uncachedApi.stop();
      }
      const row = (name: string, r: LoadResult) =>
        log(
          `| ${name.padEnd(34)} | ${fmt(r.rps, 0).padStart(8)} | ${fmt(r.p50).padStart(7)} | ${fmt(r.p95).padStart(7)} | ${String(r.requests).padStart(8)} | ${String(r.failures).padStart(8)} |`,
        );
      log(`${o.connections} connections, ${o.seconds} s each after a 2 s warm-up; latency in ms`);
      log(`| ${'operation'.padEnd(34)} | ${'req/s'.padStart(8)} | ${'p50'.padStart(7)} | ${'p95'.padStart(7)} | ${'requests'.padStart(8)} | ${'failures'.padStart(8)} |`);
      row('(a) { __typename }', ceiling);
      row('(b) Offers (region+focus, first 20)', offers);
      row('(c) the same, response cache off', uncached);
      anonymous.forEach((r, i) => row(`(d${i + 1}) { __typename }, anonymous`, r));
      me.forEach((r, i) => row(`(e${i + 1}) { me { id } }, signed in`, r));
      const ratio = offers.rps / ceiling.rps;
      log(`ratio (b)/(a): ${fmt(ratio * 100)} % of the ceiling's throughput (target ≥ 50 %) — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
      const requests = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.requests, 0);
      const signedIn = requests(me) / requests(anonymous);
      log(`ratio (e)/(d), both runs: ${fmt(signedIn * 100)} % of the anonymous ceiling's throughput (target ≥ 70 %) — ${signedIn >= 0.7 ? 'met' : 'NOT met'}`);
    } finally {
      await api.stop();
    }
  } finally {
    await db.drop();
  }
}
