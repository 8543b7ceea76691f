/**
 * What every benchmark shares: a private database (created, migrated and dropped), the
 * API as a real child process on a free loopback port, and a load generator (autocannon)
 * that reports requests/second and latency percentiles.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import autocannon from 'autocannon';
import { migrate } from '../scripts/migrate';
import { ApiProcess, spawnApi } from '../test/support/processes';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

export async function adminQuery(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database named brobygge_bench_<random>; drop() removes it. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `brobygge_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString(), false);
  return {
    name,
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export type RunningApi = ApiProcess;

/** The API as a production process (NODE_ENV=production, warn-level logs) on a free port. */
export function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const tag = randomBytes(4).toString('hex');
  return spawnApi({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `bench_${tag}`,
    JWT_SECRET: randomBytes(24).toString('hex'),
    BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    MAIL_OUTBOX_DIR: `/tmp/brobygge_bench_outbox_${tag}`,
    ...env,
  });
}

export interface GraphqlBody {
  query: string;
  variables?: object;
  operationName?: string;
}

export async function graphql<T = unknown>(url: string, body: GraphqlBody, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (answer.errors?.length) throw new Error(`GraphQL error: ${answer.errors[0].message}`);
  return answer.data as T;
}

/** Registers a throw-away user and returns its token. */
export async function benchUser(url: string, email = `bench-${randomBytes(4).toString('hex')}@bench.example`): Promise<string> {
  const data = await graphql<{ register: { accessToken: string } }>(url, {
    query: 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
    variables: { i: { email, password: 'bench-password-1', name: 'Bench' } },
  });
  return data.register.accessToken;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  requests: number;
  /** Transport errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  failures: number;
}

/** The q-th percentile (0..100) of `values`, nearest-rank. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
}

/**
 * POSTs one GraphQL document at `url` over `connections` keep-alive connections for
 * `seconds`, after a short warm-up, and reports throughput and exact latency percentiles
 * (ms) from every response time. A body with GraphQL errors counts as a failure.
 * `token` null: anonymous (no Authorization header).
 */
export async function load(url: string, body: GraphqlBody, token: string | null, seconds: number, connections = 16): Promise<LoadResult> {
  const opts = {
    url: `${url}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    connections,
    verifyBody: (b: string | Buffer | undefined) => b !== undefined && !String(b).includes('"errors"'),
  };
  await autocannon({ ...opts, duration: Math.min(2, seconds) }); // warm-up: JIT, pools, caches
  const times: number[] = [];
  const instance = autocannon({ ...opts, duration: seconds }) as unknown as autocannon.Instance & Promise<autocannon.Result>;
  // Through the event-emitter type: `on` returns the instance, which is also the (awaited) promise.
  (instance as autocannon.Instance).on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const r = await instance;
  return {
    rps: r.requests.total / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    requests: r.requests.total,
    failures: r.errors + r.timeouts + r.non2xx + (r.mismatches ?? 0),
  };
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
