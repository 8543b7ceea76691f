import { adminQuery, cloneDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/database';
import { freePort, runScript } from '../support/processes';

/** A person who starts the API with a mistake gets one line that says what to fix. */
describe('start-up failures are one line, never a stack trace', () => {
  // The processes get a database of this run's own: the default one may not exist here.
  let dbName: string;
  let DATABASE_URL: string;
  beforeAll(async () => {
    dbName = await cloneDatabase(process.env.BROBYGGE_TEST_TEMPLATE!);
    DATABASE_URL = databaseUrl(dbName);
  });
  afterAll(() => dropDatabase(dbName));

  it('refuses PORT=abc naming the variable', async () => {
    const run = await runScript('apps/api/src/main.ts', [], { PORT: 'abc', DATABASE_URL });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('brobygge: PORT must be a whole number (got "abc")\n');
  });

  it('refuses a production start with the default secret', async () => {
    const run = await runScript('apps/api/src/main.ts', [], { NODE_ENV: 'production', JWT_SECRET: '', BOOTSTRAP_ADMIN_PASSWORD: 'x'.repeat(20), DATABASE_URL });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('brobygge: JWT_SECRET must be set when NODE_ENV=production\n');
  });

  it('fails closed without NODE_ENV: the development secrets are refused, naming the variable', async () => {
    for (const script of ['apps/api/src/main.ts', 'apps/worker/src/main.ts']) {
      const run = await runScript(script, [], { NODE_ENV: '', DATABASE_URL });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('brobygge: JWT_SECRET must be set when NODE_ENV is not set (production is assumed; set NODE_ENV=development for local work)\n');
    }
  });

  it('says in one line that the database is not migrated, and how to migrate it', async () => {
    const empty = uniqueName('brobygge_unmigrated');
    await adminQuery(`CREATE DATABASE ${empty}`);
    try {
      for (const script of ['apps/api/src/main.ts', 'apps/worker/src/main.ts']) {
        const run = await runScript(script, [], { DATABASE_URL: databaseUrl(empty), REDIS_PREFIX: `check-${empty}` });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
          /^brobygge: the database at postgres:\/\/127\.0\.0\.1:5432\/brobygge_unmigrated\S* is not migrated \(\d+ pending: Init\d+, .* more\); run: npm run migrate\n$/,
        );
      }
    } finally {
      await dropDatabase(empty);
    }
  });

  it('says which service is unreachable, where it looked and how to start it', async () => {
    const port = await freePort();
    const run = await runScript('apps/api/src/main.ts', [], { REDIS_URL: `redis://127.0.0.1:${port}/0`, DATABASE_URL });
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^brobygge: Redis is not reachable at redis://127.0.0.1:${port}/0 .*; start it with: redis-server`));
  });

  it('says so in one line when PostgreSQL does not answer', async () => {
    const port = await freePort();
    const run = await runScript('apps/api/src/main.ts', [], { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/brobygge` });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^brobygge: PostgreSQL is not reachable at postgres://127.0.0.1:${port}/brobygge .*; start it with: pg_ctlcluster[^\n]*\n$`));
  });

  it('worker start-up check: every job name has exactly one handler', async () => {
    const run = await runScript('apps/worker/src/main.ts', ['--check'], { LOG_LEVEL: 'info', DATABASE_URL, REDIS_PREFIX: `check-${dbName}` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('worker start-up check passed');
  });
});
