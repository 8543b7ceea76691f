import { INestApplicationContext, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { withTimeout } from '@brobygge/database';
import { JobProcessor } from './job-processor';
import { OutboxRelay } from './relay/outbox-relay';

export interface WorkerParts {
  app: INestApplicationContext;
  relay: OutboxRelay;
  processors: JobProcessor[];
  queues: Queue[];
  dataSource: DataSource;
}

const logger = new Logger('Shutdown');

export interface ShutdownReport {
  /** Whether Redis answered at the start of the shutdown. */
  redis: boolean;
  /** Handlers still running when the time was up (given back to the queue when Redis answers). */
  abandoned: number;
  released: number;
  /** Whether the BullMQ workers closed by themselves (no forced disconnect). */
  workersClosed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Whether the queue's Redis connection answers (one cheap read) within `ms`. */
async function redisAnswers(queue: Queue, ms: number): Promise<boolean> {
  try {
    await withTimeout(queue.getActiveCount(), ms);
    return true;
  } catch {
    return false;
  }
}

/**
 * The worker's shutdown, within `timeoutMs` whatever Redis and Postgres do:
 * 1. the relay takes no new pass (the one under way gets a moment); Redis is probed (0.5 s);
 * 2. the BullMQ workers stop taking jobs and the running handlers finish — until the time
 *    left minus a reserve; when Redis is away, as soon as the handlers are done (BullMQ's
 *    own bookkeeping could wait for Redis for ever);
 * 3. handlers still running then are given back to the queue (Redis up) — their outbox rows
 *    stay ENQUEUED and delivery is idempotent — and BullMQ's connections are dropped;
 * 4. Postgres, then the rest of Nest's shutdown, each with what is left of the time.
 * The caller exits the process afterwards (and has a timer that exits regardless).
 */
export async function shutdownWorker(parts: WorkerParts, timeoutMs: number): Promise<ShutdownReport> {
  const deadline = Date.now() + timeoutMs;
  const left = () => deadline - Date.now();
  const reserve = Math.min(2000, timeoutMs / 4);
  const idle = () => parts.processors.every((p) => p.inFlight === 0);

  const [, redis] = await Promise.all([parts.relay.stop(Math.min(2000, timeoutMs / 5)), redisAnswers(parts.queues[0], Math.min(500, timeoutMs / 10))]);

  let workersClosed = false;
  void Promise.allSettled(parts.processors.map((p) => p.worker.close())).then(() => {
    workersClosed = true;
  });
  while (!workersClosed && left() > reserve && !(idle() && !redis)) await sleep(Math.min(50, left() - reserve));

  const abandoned = parts.processors.reduce((n, p) => n + p.inFlight, 0);
  let released = 0;
  if (!workersClosed) {
    if (abandoned && redis) {
      released = await withTimeout(
        Promise.all(parts.processors.map((p) => p.release())).then((counts) => counts.reduce((a, b) => a + b, 0)),
        Math.max(100, Math.min(1000, left() / 2)),
      ).catch(() => 0);
    }
    for (const p of parts.processors) void p.worker.disconnect().catch(() => undefined);
  }
  if (!redis) for (const q of parts.queues) void q.disconnect().catch(() => undefined);

  await withTimeout(parts.dataSource.isInitialized ? parts.dataSource.destroy() : Promise.resolve(), Math.max(0, left() - 300)).catch((e: Error) =>
    logger.warn({ err: e.message }, 'closing the Postgres pool did not finish'),
  );
  // The remaining hooks: queues and Redis connections, the mailer. Without Redis, or with
  // a handler abandoned, BullMQ's close would wait for ever; a moment is enough for the rest.
  const patient = redis && workersClosed;
  await withTimeout(parts.app.close(), Math.max(0, patient ? left() - 100 : Math.min(500, left() - 100))).catch(() => undefined);
  return { redis, abandoned, released, workersClosed };
}

/**
 * SIGTERM and SIGINT run `shutdown` once, then exit; a timer exits after `timeoutMs`
 * whatever happens (the last resort; it does not keep the process alive). A second
 * signal exits at once.
 */
export function onShutdownSignal(timeoutMs: number, shutdown: () => Promise<unknown>): void {
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    started = true;
    const t0 = Date.now();
    logger.log({ signal, timeoutMs }, 'shutting down');
    setTimeout(() => {
      logger.error({ ms: Date.now() - t0 }, 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    shutdown().then(
      (report) => {
        logger.log({ ms: Date.now() - t0, ...(report as object) }, 'stopped');
        process.exit(0);
      },
      (e: Error) => {
        logger.error({ ms: Date.now() - t0, err: e.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
