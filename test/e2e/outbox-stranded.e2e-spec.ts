import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { ParsedMail } from 'mailparser';
import { Client } from 'pg';
import { inTransaction } from '@brobygge/database';
import { DeliveryService, OutboxMessage, OutboxService, OutboxStatus, QueueName } from '@brobygge/notifications';
import { cloneDatabase, databaseUrl, dropDatabase, uniqueName } from '../support/database';
import { runScript, spawnWorker, TcpProxy } from '../support/processes';
import { startSmtpPeer } from '../support/smtp-peer';
import { eventually, startStack, TestStack } from '../support/stack';

/** No notification is ever stranded: re-drive after the last attempt, the sweeper, Postgres away at the end. */

async function testEmail(stack: TestStack, to: string): Promise<string> {
  const [row] = await inTransaction(stack.dataSource, (m) =>
    stack.worker!.get(OutboxService).add(m, [{ type: 'test_email', recipientEmail: to, locale: 'en', payload: { note: 'n' } }]),
  );
  return row.id;
}

const withId = (mails: ParsedMail[], id: string) => mails.filter((m) => m.messageId === DeliveryService.messageIdFor(id));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Redis keys a child worker wrote under its prefix on the shared Redis. */
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

describe('outbox: nothing stranded', () => {
  let stack: TestStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('after every attempt was refused, outbox:redrive delivers the message exactly once', async () => {
    stack = await startStack({
      api: false,
      worker: true,
      smtp: true,
      env: { OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_BACKOFF_MS: '100', OUTBOX_BACKOFF_MAX_MS: '200', OUTBOX_STRANDED_SECONDS: '2' },
    });
    const s = stack;
    const smtp = s.smtp!;
    smtp.refuse(true);
    const id = await testEmail(s, 'redrive@example.org');
    const repo = s.dataSource.getRepository(OutboxMessage);
    const failed = await eventually(async () => {
      const row = await repo.findOneByOrFail({ id });
      return row.status === OutboxStatus.FAILED ? row : undefined;
    }, 20_000);
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/421/);
    expect(smtp.receiving()).toBe(3); // three refused attempts, then nothing more
    smtp.refuse(false);
    await sleep(1500);
    expect(smtp.messages).toHaveLength(0);
    // BullMQ still holds the failed job under the row's id (kept for a week).
    const queue = s.worker!.get<Queue>(getQueueToken(QueueName.Notifications), { strict: false });
    expect(await queue.getJobState(id)).toBe('failed');

    const run = await runScript('apps/worker/src/cli.ts', ['outbox:redrive', id], { DATABASE_URL: s.config.DATABASE_URL });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('re-queued 1 failed notification(s)');

    await eventually(async () => withId(smtp.messages, id).length === 1, 15_000);
    const sent = await eventually(async () => {
      const row = await repo.findOneByOrFail({ id });
      return row.status === OutboxStatus.SENT ? row : undefined;
    });
    expect(sent.messageId).toBe(DeliveryService.messageIdFor(id));
    // Longer than a sweep period and several relay polls: still exactly one.
    await sleep(3000);
    expect(withId(smtp.messages, id)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(await queue.getJobState(id)).toBe('completed');
  }, 60_000);

  it('a row left ENQUEUED whose job Redis no longer has is delivered once by the sweeper', async () => {
    stack = await startStack({
      api: false,
      worker: true,
      smtp: true,
      // A long backoff: after the first refusal the job waits (delayed) for a minute.
      env: { OUTBOX_BACKOFF_MS: '60000', OUTBOX_STRANDED_SECONDS: '2' },
    });
    const s = stack;
    const smtp = s.smtp!;
    const queue = s.worker!.get<Queue>(getQueueToken(QueueName.Notifications), { strict: false });
    smtp.refuse(true);
    const id = await testEmail(s, 'stranded@example.org');
    await eventually(async () => (await queue.getJobState(id)) === 'delayed', 15_000);
    // Waiting in its backoff the job is alive: the sweeper leaves it alone past the threshold.
    await sleep(3500);
    expect(await queue.getJobState(id)).toBe('delayed');
    expect(smtp.receiving()).toBe(1);

    // Redis loses the job (a flush, a failover without persistence, a careless operator).
    expect(await queue.remove(id)).toBe(1);
    expect(await queue.getJobState(id)).toBe('unknown');
    const row = await s.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });
    expect(row.status).toBe(OutboxStatus.ENQUEUED);
    smtp.refuse(false);

    await eventually(async () => withId(smtp.messages, id).length === 1, 15_000);
    await eventually(async () => (await s.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id })).status === OutboxStatus.SENT);
    await sleep(4000);
    expect(withId(smtp.messages, id)).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  }, 60_000);
});

describe('outbox: Postgres away when the last attempt fails', () => {
  it('the worker process stays up; the sweeper records FAILED once Postgres is back; re-drive delivers once', async () => {
    const dbName = await cloneDatabase(process.env.BROBYGGE_TEST_TEMPLATE!);
    const pgProxy = await TcpProxy.start(Number(new URL(databaseUrl(dbName)).port || 5432));
    const smtp = await startSmtpPeer();
    const direct = new Client({ connectionString: databaseUrl(dbName) });
    await direct.connect();
    const proxied = new URL(databaseUrl(dbName));
    proxied.port = String(pgProxy.port);
    const prefix = uniqueName('bt');
    const worker = await spawnWorker({
      DATABASE_URL: proxied.toString(),
      REDIS_PREFIX: prefix,
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '50',
      OUTBOX_MAX_ATTEMPTS: '2',
      OUTBOX_BACKOFF_MS: '3000',
      OUTBOX_STRANDED_SECONDS: '2',
    });
    try {
      smtp.refuse(true);
      const id = '0b0e7c43-7f3c-4c55-8a43-5d7a8f1e2a11';
      await direct.query(
        `INSERT INTO outbox_message (id, type, recipient_email, locale, payload) VALUES ($1, 'test_email', 'pg-away@example.org', 'en', '{"note":"n"}')`,
        [id],
      );
      const status = async () => (await direct.query(`SELECT status, attempts, last_error FROM outbox_message WHERE id = $1`, [id])).rows[0];
      await eventually(async () => (await status()).attempts === 1, 15_000);
      // The second (last) attempt comes 3 s later: Postgres is "down" by then.
      await pgProxy.cut();
      await worker.waitFor('could not mark the notification FAILED', 20_000);
      await sleep(1000);
      expect(worker.child.exitCode).toBeNull();
      expect(worker.output()).not.toMatch(/unhandled|uncaught/i);
      expect(await status()).toMatchObject({ status: 'ENQUEUED', attempts: 1 });

      await pgProxy.restore();
      const row = await eventually(async () => {
        const r = await status();
        return r.status === 'FAILED' ? r : undefined;
      }, 20_000);
      expect(row.last_error).toMatch(/connect|terminat|ECONN|timeout/i);
      expect(worker.child.exitCode).toBeNull();

      smtp.refuse(false);
      const run = await runScript('apps/worker/src/cli.ts', ['outbox:redrive', id], { DATABASE_URL: databaseUrl(dbName) });
      expect(run.stdout).toContain('re-queued 1 failed notification(s)');
      await eventually(async () => withId(smtp.messages, id).length === 1, 15_000);
      await eventually(async () => (await status()).status === 'SENT');
      await sleep(3000);
      expect(withId(smtp.messages, id)).toHaveLength(1);
    } finally {
      await worker.kill();
      await direct.end();
      await pgProxy.cut();
      await smtp.close();
      await dropDatabase(dbName);
      await dropKeys(prefix);
    }
  }, 120_000);
});
