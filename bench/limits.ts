/**
 * How fast an operation over a limit is refused (issue 13: "in well under 50 ms"): the
 * issue's nested-suggestions query (cost), 5,000 aliases (tokens), a deep query (depth),
 * each sent one at a time to a production-mode API, beside `{ __typename }` for scale.
 */
import { performance } from 'node:perf_hooks';
import { benchDatabase, benchUser, fmt, log, percentile, startApi } from './support';

const nested = (first: number) =>
  `{ requests(first: ${first}) { edges { node { suggestions(first: ${first}) { offer { suggestedRequests(first: ${first}) { request { suggestions(first: ${first}) { score } } } } } } } } }`;
let deep = 'id';
for (let i = 0; i < 3; i++) deep = `suggestedRequests(first: 1) { request { suggestions(first: 1) { offer { ${deep} } } } }`;

const CASES: Array<[string, string]> = [
  ['{ __typename } (accepted, for scale)', '{ __typename }'],
  ['nested suggestions, first: 100 (cost)', nested(100)],
  ['5,000 aliases (tokens)', `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
  ['40 aliases (aliases)', `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
  ['15 levels deep (depth)', `{ offers(first: 1) { edges { node { ${deep} } } } }`],
];

export async function limitsBench(opts: { samples: number }): Promise<void> {
  log('\n## limits: time to refuse an operation over a limit (one client, one at a time)');
  const db = await benchDatabase();
  const api = await startApi(db.url);
  try {
    const token = await benchUser(api.url);
    log('| operation | answer | p50 ms | p95 ms | max ms |');
    log('|---|---|---|---|---|');
    for (const [name, query] of CASES) {
      const times: number[] = [];
      let answer = '';
      for (let i = 0; i < opts.samples + 10; i++) {
        const started = performance.now();
        const res = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string; limit?: string } }> };
        if (i >= 10) times.push(performance.now() - started); // the first ten warm up
        const e = body.errors?.[0]?.extensions;
        answer = e ? `${res.status} ${e.code}${e.limit ? ` (${e.limit})` : ''}` : `${res.status} ok`;
      }
      log(`| ${name} | ${answer} | ${fmt(percentile(times, 50), 2)} | ${fmt(percentile(times, 95), 2)} | ${fmt(Math.max(...times), 2)} |`);
    }
  } finally {
    await api.stop();
    await db.drop();
  }
}
