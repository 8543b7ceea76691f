/** Child processes of the real entry points and of a private redis-server, for e2e tests. */
import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_THROTTLES } from '@brobygge/config';

export const ROOT = join(__dirname, '..', '..');

/** (Every process below: METRICS_PORT 0, no /metrics port to collide on, unless a test gives one.) */

/** Throttles out of the way of tests that are not about them (hardening.e2e-spec.ts is). */
export const TEST_RATE_LIMITS = Object.keys(DEFAULT_THROTTLES)
  .map((action) => `${action}=1000000/60`)
  .join(',');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point the way npm scripts do (TypeScript through SWC, a compiled .js as it is), and collects its output. */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 60000, input = ''): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(script.endsWith('.ts') ? ['-r', '@swc-node/register'] : []), script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', METRICS_PORT: '0', ...env },
    });
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A redis-server of the test's own, on a free port, that the test can stop and start. */
export class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  private get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10000;
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const s = connect(this.port, '127.0.0.1');
        s.on('connect', () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      if (up) return;
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

export interface ApiProcess {
  url: string;
  /** The OS process (to signal it, or to watch it exit). */
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * The API as its own OS process (apps/api/src/main.ts, or a compiled `entry` such as
 * <build>/apps/api/src/main.js) on a free port, with `env`; resolves once ready.
 */
export async function spawnApi(env: Record<string, string>, entry = 'apps/api/src/main.ts'): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...(entry.endsWith('.ts') ? ['-r', '@swc-node/register'] : []), entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      METRICS_PORT: '0',
      RATE_LIMITS: TEST_RATE_LIMITS,
      UNVERIFIED_DAILY_PROPOSALS: '1000000',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited: ${stderr}`);
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the API process was not ready in 60 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process wrote so far (its JSON log lines on stdout, and stderr). */
  output(): string;
  /** Resolves when the output contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGKILL, if it still runs. */
  kill(): Promise<void>;
}

/** The worker as its own OS process (apps/worker/src/main.ts), logging at info; resolves once it has started. */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    // No half-year follow-ups unless a test asks (stack.ts says why).
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', FOLLOW_UP_PERIODS: 'off', METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const worker: WorkerProcess = {
    child,
    output: () => out,
    exited,
    async waitFor(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!out.includes(text)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker exited before "${text}": ${out}`);
        if (Date.now() > deadline) throw new Error(`the worker did not say "${text}" in ${timeoutMs} ms: ${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  await worker.waitFor('worker started');
  return worker;
}

/**
 * A TCP proxy on a free port to `targetPort` (e.g. Postgres), that a test can cut (every
 * connection dropped, new ones refused: the service is "down") and restore.
 */
export class TcpProxy {
  private server?: import('node:net').Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  constructor(
    readonly port: number,
    readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), targetPort);
    await proxy.restore();
    return proxy;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const net = await import('node:net');
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
