import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { adminQuery, cloneDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/database';
import { Build, buildPrivately } from '../support/build';
import { ApiProcess, ROOT, runScript, spawnApi } from '../support/processes';

/**
 * The compiled API (a private `npm run build`), as `npm start` and the image run it:
 * GraphiQL at GET /graphql for a browser in development, served by the API itself (no
 * CDN), off in production with a short explanation instead; Apollo's CSRF prevention
 * still guards everything else. (.ci/run's "production build" step runs the smoke test
 * on a clean copy of the tree after `npm prune --omit=dev`.)
 */
describe('the production build', () => {
  let build: Build;
  let dbName: string;
  beforeAll(async () => {
    build = buildPrivately();
    dbName = await cloneDatabase(process.env.BROBYGGE_TEST_TEMPLATE!);
  });
  afterAll(async () => {
    build?.remove();
    if (dbName) await dropDatabase(dbName);
  });

  const start = (env: Record<string, string>) =>
    spawnApi({ DATABASE_URL: databaseUrl(dbName), REDIS_PREFIX: `build-${dbName}`, ...env }, join(build.dir, 'apps/api/src/main.js'));
  const post = (api: ApiProcess, query: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  /** What Apollo's CSRF prevention does, whatever the IDE: simple requests are refused, JSON and preflighted GETs answer. */
  async function expectCsrfPrevention(api: ApiProcess): Promise<void> {
    const form = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF/);
    const simpleGet = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ regions { code } }')}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
    const preflighted = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ regions { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as { data: { regions: unknown[] } }).data.regions.length).toBeGreaterThan(0);
    const json = await post(api, '{ regions { code } }');
    expect(json.status).toBe(200);
  }

  describe('in development', () => {
    let api: ApiProcess;
    beforeAll(async () => (api = await start({ NODE_ENV: 'development' })));
    afterAll(() => api?.stop());

    it('shows GraphiQL to a browser at GET /graphql, from files the API serves itself, under a policy of its own', async () => {
      const page = await fetch(`${api.url}/graphql`, { headers: browser });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      const files = [...html.matchAll(/(?:src|href)="(\/graphql-ide\/[^"]+)"/g)].map((m) => m[1]);
      expect(files.map((f) => f.replace(/^\/graphql-ide\/[^/]+\//, ''))).toEqual(['graphiql.css', 'graphiql.js', 'start.js']);
      // Nothing from elsewhere: no http(s) URL in the page, and the policy allows only 'self'.
      expect(html).not.toMatch(/https?:\/\//);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).not.toContain('upgrade-insecure-requests');

      const base = files[0].replace(/graphiql\.css$/, '');
      const js = await fetch(`${api.url}${base}graphiql.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
      const bundle = await js.text();
      expect(bundle.length).toBeGreaterThan(1_000_000);
      expect(bundle).toContain('renderYogaGraphiQL');
      const css = await fetch(`${api.url}${base}graphiql.css`);
      expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
      for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
        const w = await fetch(`${api.url}${base}${worker}`);
        expect([worker, w.status, (await w.text()).length > 1000]).toEqual([worker, 200, true]);
      }
      // Unknown files and other versions are 404, not the bundle.
      expect((await fetch(`${api.url}${base}nope.js`)).status).toBe(404);
      expect((await fetch(`${api.url}/graphql-ide/0.0.0/graphiql.js`)).status).toBe(404);
      // The rest of the API keeps the strict policy.
      expect((await fetch(`${api.url}/health/live`)).headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });

    it('opens with the demo sign-in explained, and its tabs are valid operations of this schema', async () => {
      const html = await (await fetch(`${api.url}/graphql`, { headers: browser })).text();
      const startJs = /src="(\/graphql-ide\/[^"]+\/start\.js)"/.exec(html)![1];
      const script = await (await fetch(`${api.url}${startJs}`)).text();
      const options = JSON.parse(/renderYogaGraphiQL\([^,]+, (\{.*\})\);/.exec(script)![1]) as {
        endpoint: string;
        defaultTabs: Array<{ query: string; headers?: string }>;
      };
      expect(options.endpoint).toBe('/graphql');
      const [signIn, me, regions] = options.defaultTabs;
      expect(signIn.query).toContain('brobygge-demo');
      expect(signIn.query).toContain('docs/demo.md');
      expect(signIn.query).toMatch(/mutation SignIn \{\s+login\(/);
      expect(JSON.parse(me.headers!)).toEqual({ Authorization: expect.stringMatching(/^Bearer /) });
      // Run as the page would: no validation error (this database has no demo users, so the
      // sign-in is refused and `me` needs a real token).
      for (const tab of [signIn, me, regions]) {
        const body = (await (await post(api, tab.query)).json()) as { errors?: Array<{ extensions: { code: string } }> };
        expect(body.errors?.map((e) => e.extensions.code) ?? []).not.toContain('GRAPHQL_VALIDATION_FAILED');
      }
      const signedOut = (await (await post(api, regions.query)).json()) as { data: { regions: unknown[] } };
      expect(signedOut.data.regions.length).toBeGreaterThan(0);
    });

    it("answers GraphiQL's introspection query within the operation limits; introspection cycles are still refused", async () => {
      const full = (await (await post(api, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }))).json()) as {
        data?: { __schema: { types: unknown[] } };
        errors?: unknown[];
      };
      expect(full.errors).toBeUndefined();
      expect(full.data!.__schema.types.length).toBeGreaterThan(50);
      const cycle = (await (await post(api, '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }')).json()) as {
        errors?: Array<{ message: string }>;
      };
      expect(cycle.errors?.[0].message).toMatch(/introspection/i);
    });

    it('keeps CSRF prevention for everything but the page', () => expectCsrfPrevention(api));
  });

  describe('in production', () => {
    let api: ApiProcess;
    beforeAll(async () => (api = await start({ NODE_ENV: 'production', JWT_SECRET: 'production-build-test-secret', BOOTSTRAP_ADMIN_PASSWORD: 'production-build-test' })));
    afterAll(() => api?.stop());

    it('has no IDE: a browser gets a short explanation instead of a CSRF error, and the files are 404', async () => {
      const page = await fetch(`${api.url}/graphql`, { headers: browser });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('POST /graphql');
      expect(html).toContain('GRAPHQL_IDE=true');
      expect(html).not.toContain('graphiql.js');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
      const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/@graphql-yoga/render-graphiql/package.json'), 'utf8')) as { version: string };
      expect((await fetch(`${api.url}/graphql-ide/${version}/graphiql.js`)).status).toBe(404);
      expect((await fetch(`${api.url}/graphql-ide/${version}/start.js`)).status).toBe(404);
    });

    it('keeps CSRF prevention', () => expectCsrfPrevention(api));

    it('GRAPHQL_IDE=true turns GraphiQL on in production too', async () => {
      const on = await start({
        NODE_ENV: 'production',
        JWT_SECRET: 'production-build-test-secret',
        BOOTSTRAP_ADMIN_PASSWORD: 'production-build-test',
        GRAPHQL_IDE: 'true',
      });
      try {
        expect(await (await fetch(`${on.url}/graphql`, { headers: browser })).text()).toContain('graphiql.js');
      } finally {
        await on.stop();
      }
    });
  });

  it('compiled, an unmigrated database is named with the compiled migration command', async () => {
    const empty = uniqueName('brobygge_unmigrated');
    await adminQuery(`CREATE DATABASE ${empty}`);
    try {
      for (const entry of ['apps/api/src/main.js', 'apps/worker/src/main.js']) {
        const run = await runScript(join(build.dir, entry), [], { DATABASE_URL: databaseUrl(empty), REDIS_PREFIX: `check-${empty}` });
        expect([entry, run.code]).toEqual([entry, 1]);
        expect(run.stderr).toMatch(/ is not migrated \(\d+ pending: Init\d+, .* more\); run: npm run migrate:prod \(node dist\/scripts\/migrate\.js\)\n$/);
      }
    } finally {
      await dropDatabase(empty);
    }
  });

  it('the production npm scripts say to build first when dist/ lacks the entry point', () => {
    const run = spawnSync('sh', ['scripts/dist.sh', 'apps/api/src/no-such-main.js'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('brobygge: dist/apps/api/src/no-such-main.js is missing: run npm run build first (npm run build compiles apps, libs and scripts to dist/)\n');
  });
});
