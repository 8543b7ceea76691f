import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import Redis from 'ioredis';
import { OutboxMessage, OutboxStatus, RelayService } from '@brobygge/notifications';
import { cloneDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/database';
import { freePort, ROOT, runScript, spawnWorker, TEST_RATE_LIMITS, WorkerProcess } from '../support/processes';
import { SmtpPeer, startSmtpPeer } from '../support/smtp-peer';
import { eventually, startStack, TestStack } from '../support/stack';

/**
 * Issue 17, point 5: Prometheus /metrics of the API and the worker move when work happens;
 * with OTEL_EXPORTER_OTLP_ENDPOINT set, a GraphQL request is one trace (http, graphql, pg
 * spans) whose id is in its log lines; without it, nothing is traced or logged with ids.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  scope: string;
  service: string;
}

/** A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON at /v1/traces and keeps the spans. */
async function startCollector(): Promise<{ url: string; spans: OtlpSpan[]; posts: () => number; close(): Promise<void> }> {
  const spans: OtlpSpan[] = [];
  let posts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts++;
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      expect(req.url).toBe('/v1/traces');
      expect(req.headers['content-type']).toContain('application/json');
      const payload = JSON.parse(body.toString('utf8')) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ scope: { name: string }; spans: Array<{ traceId: string; spanId: string; name: string }> }>;
        }>;
      };
      for (const rs of payload.resourceSpans) {
        const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ traceId: s.traceId, spanId: s.spanId, name: s.name, scope: ss.scope.name, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    posts: () => posts,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The API as its own process with its stdout (the JSON log lines) kept: spawnApi throws stdout away. */
async function startApi(env: Record<string, string>): Promise<{ url: string; output: () => string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMITS: TEST_RATE_LIMITS, METRICS_PORT: '0', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`the API exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`the API was not ready in 60 s: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** One sample's value from a Prometheus text page: `name{labels}` with the labels in the order given; 0 when absent. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of page.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

function gql(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  }).then((r) => r.json() as Promise<{ data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> }>);
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

const REGISTER = 'mutation RegisterForMetrics($input: RegisterInput!) { register(input: $input) { accessToken } }';
const ME = 'query WhoAmI { me { id } }';

describe('observability: /metrics of the API and the worker, OpenTelemetry traces', () => {
  let dbName: string;
  let prefix: string;
  let smtp: SmtpPeer;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: WorkerProcess;
  let apiMetrics: number;
  let workerMetrics: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    dbName = await cloneDatabase(process.env.BROBYGGE_TEST_TEMPLATE!);
    prefix = uniqueName('obs');
    smtp = await startSmtpPeer();
    collector = await startCollector();
    [apiMetrics, workerMetrics] = [await freePort(), await freePort()];
    env = { DATABASE_URL: databaseUrl(dbName), REDIS_PREFIX: prefix, SMTP_URL: smtp.url };
    api = await startApi({
      ...env,
      METRICS_PORT: String(apiMetrics),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'brobygge-api-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    // The worker without OTEL_EXPORTER_OTLP_ENDPOINT: tracing off.
    worker = await spawnWorker({ ...env, METRICS_PORT: String(workerMetrics), OUTBOX_POLL_MS: '50', OUTBOX_MAX_ATTEMPTS: '1' });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.kill();
    await collector?.close();
    await smtp?.close();
    if (dbName) await dropDatabase(dbName);
    if (prefix) await dropKeys(prefix);
  });

  it('serves /metrics on its own port only, on 127.0.0.1', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${apiMetrics}/other`)).status).toBe(404);
    const page = await scrape(apiMetrics);
    // prom-client's process metrics, and the pool read on scrape.
    expect(sample(page, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(page, 'brobygge_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(page, 'brobygge_db_pool_connections', { state: 'waiting' })).toBe(0);
  });

  it('counts GraphQL requests by operation name and errors by code', async () => {
    const before = await scrape(apiMetrics);
    const count = (page: string, operation: string) => sample(page, 'brobygge_graphql_request_duration_seconds_count', { operation }) ?? 0;
    const errors = (page: string, code: string) => sample(page, 'brobygge_graphql_errors_total', { code }) ?? 0;

    const email = `obs-${randomBytes(4).toString('hex')}@example.org`;
    const ok = await gql(api.url, REGISTER, { input: { email, name: 'Obs', password: 'correct horse battery' } });
    expect(ok.errors).toBeUndefined();
    const denied = await gql(api.url, ME);
    const code = denied.errors?.[0]?.extensions?.code;
    expect(code).toBe('UNAUTHENTICATED');
    const bad = await gql(api.url, REGISTER, { input: { email: 'not-an-address', name: 'x', password: 'short' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await gql(api.url, '{ __typename }');

    const after = await scrape(apiMetrics);
    expect(count(after, 'RegisterForMetrics') - count(before, 'RegisterForMetrics')).toBe(2);
    expect(count(after, 'WhoAmI') - count(before, 'WhoAmI')).toBe(1);
    expect(count(after, 'anonymous') - count(before, 'anonymous')).toBe(1);
    expect(sample(after, 'brobygge_graphql_request_duration_seconds_sum', { operation: 'RegisterForMetrics' })).toBeGreaterThan(0);
    expect(sample(after, 'brobygge_graphql_request_duration_seconds_bucket', { operation: 'WhoAmI', le: '+Inf' })).toBe(count(after, 'WhoAmI'));
    expect(errors(after, 'UNAUTHENTICATED') - errors(before, 'UNAUTHENTICATED')).toBe(1);
    expect(errors(after, 'BAD_USER_INPUT') - errors(before, 'BAD_USER_INPUT')).toBe(1);
  });

  it('groups operation names past the first 200 as "other"', async () => {
    const names = Array.from({ length: 205 }, (_, i) => `Many${i}`);
    for (const name of names) await gql(api.url, `query ${name} { __typename }`);
    const page = await scrape(apiMetrics);
    const series = page.split('\n').filter((l) => l.startsWith('brobygge_graphql_request_duration_seconds_count{')).length;
    expect(series).toBeLessThanOrEqual(201);
    expect(sample(page, 'brobygge_graphql_request_duration_seconds_count', { operation: 'other' })).toBeGreaterThanOrEqual(5);
    expect(sample(page, 'brobygge_graphql_request_duration_seconds_count', { operation: 'Many204' })).toBeUndefined();
  });

  it('counts response-cache look-ups', async () => {
    const email = `cache-${randomBytes(4).toString('hex')}@example.org`;
    const reg = await gql(api.url, REGISTER, { input: { email, name: 'Cache', password: 'correct horse battery' } });
    const token = (reg.data!.register as { accessToken: string }).accessToken;
    const before = await scrape(apiMetrics);
    const query = 'query CachedOffers { offers(first: 5) { totalCount } }';
    const auth = { authorization: `Bearer ${token}` };
    const first = await gql(api.url, query, {}, auth);
    expect(first.errors).toBeUndefined();
    await gql(api.url, query, {}, auth);
    const after = await scrape(apiMetrics);
    const moved = (result: string) =>
      (sample(after, 'brobygge_response_cache_total', { result }) ?? 0) - (sample(before, 'brobygge_response_cache_total', { result }) ?? 0);
    expect(moved('miss')).toBe(1);
    expect(moved('hit')).toBe(1);
  });

  it('the worker: job durations and failures, the outbox by status and the queue depth', async () => {
    const first = await scrape(workerMetrics);
    expect(sample(first, 'brobygge_outbox_messages', { status: 'PENDING' })).toBe(0);
    expect(sample(first, 'brobygge_outbox_messages', { status: 'FAILED' })).toBe(0);
    expect(sample(first, 'brobygge_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(sample(first, 'brobygge_queue_jobs', { queue: 'notifications', state: 'waiting' })).toBe(0);
    expect(sample(first, 'brobygge_queue_jobs', { queue: 'maintenance', state: 'active' })).toBeDefined();
    expect(sample(first, 'brobygge_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    const labels = { queue: 'notifications', name: 'deliver-notification' };

    // Refused by the SMTP server, with one attempt allowed: a failed job, a FAILED row.
    smtp.refuse(true);
    const refused = await runScript('apps/worker/src/cli.ts', ['send-test-email', 'refused@example.org'], env);
    expect(refused.code).toBe(0);
    const failedPage = await eventually(async () => {
      const page = await scrape(workerMetrics);
      return sample(page, 'brobygge_outbox_messages', { status: 'FAILED' }) === 1 && page;
    }, 30_000);
    expect(sample(failedPage, 'brobygge_job_failures_total', labels)).toBe(1);
    expect(sample(failedPage, 'brobygge_job_duration_seconds_count', { ...labels, outcome: 'failed' })).toBe(1);
    expect(sample(failedPage, 'brobygge_queue_jobs', { queue: 'notifications', state: 'failed' })).toBe(1);

    smtp.refuse(false);
    const sent = await runScript('apps/worker/src/cli.ts', ['send-test-email', 'delivered@example.org'], env);
    expect(sent.code).toBe(0);
    await smtp.waitFor(1);
    const okPage = await eventually(async () => {
      const page = await scrape(workerMetrics);
      return sample(page, 'brobygge_job_duration_seconds_count', { ...labels, outcome: 'ok' }) === 1 && page;
    }, 30_000);
    expect(sample(okPage, 'brobygge_job_duration_seconds_sum', { ...labels, outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(okPage, 'brobygge_job_failures_total', labels)).toBe(1);
    expect(sample(okPage, 'brobygge_outbox_messages', { status: 'PENDING' })).toBe(0);
    expect(sample(okPage, 'brobygge_queue_jobs', { queue: 'notifications', state: 'completed' })).toBe(1);
  }, 90_000);

  it('traces a GraphQL request through http, graphql and pg, with its trace id in the log lines', async () => {
    const traceId = randomBytes(16).toString('hex');
    const email = `trace-${randomBytes(4).toString('hex')}@example.org`;
    const res = await gql(
      api.url,
      REGISTER,
      { input: { email, name: 'Traced', password: 'correct horse battery' } },
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-request-id': `trace-test-${traceId}` },
    );
    expect(res.errors).toBeUndefined();
    const spans = await eventually(async () => {
      const mine = collector.spans.filter((s) => s.traceId === traceId);
      const scopes = new Set(mine.map((s) => s.scope));
      return ['@opentelemetry/instrumentation-http', '@opentelemetry/instrumentation-graphql', '@opentelemetry/instrumentation-pg'].every((s) => scopes.has(s)) && mine;
    }, 15_000);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['brobygge-api-under-test']));
    expect(spans.find((s) => s.scope === '@opentelemetry/instrumentation-graphql' && /mutation RegisterForMetrics/.test(s.name))).toBeDefined();
    // Health probes are not traced.
    expect(collector.spans.some((s) => /health/.test(s.name))).toBe(false);

    const line = await eventually(async () =>
      api
        .output()
        .split('\n')
        .filter((l) => l.includes(`trace-test-${traceId}`))
        .map((l) => JSON.parse(l) as { trace_id?: string; span_id?: string })
        .find((l) => l.trace_id),
    );
    expect(line.trace_id).toBe(traceId);
    expect(spans.map((s) => s.spanId)).toContain(line.span_id);
  });

  it('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is traced: the worker logs no trace ids and sends no spans', () => {
    const lines = worker
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => 'trace_id' in l)).toEqual([]);
    expect(collector.spans.filter((s) => s.service.includes('worker'))).toEqual([]);
    expect(collector.posts()).toBeGreaterThan(0);
  });
});

describe('the outbox backlog behind brobygge_outbox_* (no worker, so nothing is relayed)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('counts unsettled rows by status and ages the oldest due PENDING row, not one due later', async () => {
    const relay = new RelayService(stack.dataSource);
    expect(await relay.backlog()).toEqual({ counts: { PENDING: 0, ENQUEUED: 0, FAILED: 0 }, oldestPendingSeconds: 0 });
    const ago = (s: number) => new Date(Date.now() - s * 1000);
    const row = (status: OutboxStatus, availableAt: Date) => ({
      id: randomUUID(),
      type: 'test_email',
      recipientEmail: 'x@example.org',
      locale: 'en' as const,
      payload: {},
      status,
      availableAt,
    });
    await stack.dataSource
      .getRepository(OutboxMessage)
      .insert([
        row(OutboxStatus.PENDING, ago(600)),
        row(OutboxStatus.PENDING, ago(30)),
        row(OutboxStatus.PENDING, ago(-3600)),
        row(OutboxStatus.FAILED, ago(7200)),
        row(OutboxStatus.ENQUEUED, ago(5)),
        row(OutboxStatus.SENT, ago(9000)),
      ]);
    const backlog = await relay.backlog();
    expect(backlog.counts).toEqual({ PENDING: 3, ENQUEUED: 1, FAILED: 1 });
    expect(backlog.oldestPendingSeconds).toBeGreaterThanOrEqual(600);
    expect(backlog.oldestPendingSeconds).toBeLessThan(660);
  });
});
