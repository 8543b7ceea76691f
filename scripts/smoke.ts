/**
 * `node dist/scripts/smoke.js`: the smoke test of a build (.ci/run's "production build",
 * docs/operations.md). Starts the compiled API beside it (dist/apps/api/src/main.js, as the
 * image's CMD does) with the caller's environment on a free port, then checks, each within
 * a time limit: GET /health/ready is 200; `{ regions { code } }` answers; a browser's
 * GET /graphql gets a page (GraphiQL in development, a short explanation in production,
 * never a CSRF error); SIGTERM stops it with exit code 0. The database must be migrated.
 * Exits 0 with one line, or 1 with the failed check and the API's last output.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const READY_MS = 60_000;
const REQUEST_MS = 10_000;
const EXIT_MS = 20_000;

const compiled = __filename.endsWith('.js');
const entry = join(__dirname, '..', 'apps', 'api', 'src', compiled ? 'main.js' : 'main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const t0 = Date.now();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [...(compiled ? [] : ['-r', '@swc-node/register']), entry], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  api.stdout.on('data', keep);
  api.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => api.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const fail = (check: string, detail: string): never => {
    if (running) api.kill('SIGKILL');
    process.stderr.write(`smoke: FAILED: ${check}: ${detail}\n--- the API's last output ---\n${output}\n`);
    process.exit(1);
  };
  const get = (path: string, init: RequestInit = {}) => fetch(base + path, { ...init, signal: AbortSignal.timeout(REQUEST_MS) });

  // Ready: 200 from /health/ready (PostgreSQL and Redis answer).
  const deadline = Date.now() + READY_MS;
  for (;;) {
    if (!running) fail('start', `the API exited with code ${await exited}`);
    const status = await get('/health/ready').then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) fail('GET /health/ready', `not 200 within ${READY_MS / 1000} s (last: ${status || 'no answer'})`);
    await sleep(250);
  }

  const gql = await get('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ regions { code } }' }) });
  const body = (await gql.json().catch(() => null)) as { data?: { regions?: Array<{ code: string }> } } | null;
  if (gql.status !== 200 || !body?.data?.regions?.length) fail('{ regions { code } }', `${gql.status} ${JSON.stringify(body)}`);

  const page = await get('/graphql', { headers: { accept: 'text/html' } });
  const html = await page.text();
  if (page.status !== 200 || !/^text\/html/.test(page.headers.get('content-type') ?? '')) fail('GET /graphql (browser)', `${page.status} ${html.slice(0, 200)}`);
  const ide = html.includes('graphiql.js');

  api.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(EXIT_MS).then(() => 'timeout' as const)]);
  if (code !== 0) fail('SIGTERM', code === 'timeout' ? `still running after ${EXIT_MS / 1000} s` : `exit code ${code}`);

  const regions = body!.data!.regions!.length;
  console.log(
    `smoke: ok in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${entry} ready, ${regions} regions, browser page at /graphql (${ide ? 'GraphiQL' : 'no IDE'}), SIGTERM exit 0`,
  );
  // Now: the race's timer and fetch's idle connections would keep the process for seconds.
  process.exit(0);
}

void main();
