/**
 * Issue #7: 1,000 notifications from outbox rows to SMTP acceptance (relay → BullMQ →
 * processor → nodemailer), against 1,000 plain nodemailer sends to the same SMTP peer
 * with the same concurrency (20, the processor's).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { OutboxService } from '@brobygge/notifications';
import { benchDatabase, fmt, log } from './support';

async function countingPeer(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, count: () => received, close: () => new Promise((r) => server.close(() => r())) };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function notificationsBench(o: { messages: number }): Promise<void> {
  log(`\n## Notifications: ${o.messages} from outbox rows to SMTP acceptance vs ${o.messages} plain nodemailer sends`);
  const db = await benchDatabase();
  const peer = await countingPeer();
  try {
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      SMTP_URL: peer.url,
      REDIS_PREFIX: `bench_${randomBytes(4).toString('hex')}`,
      OUTBOX_POLL_MS: '20',
      LOG_LEVEL: 'silent',
      MATCH_SWEEP_SECONDS: '3600',
    });
    // The plain sends first: the same transport settings as the Mailer, 20 at a time.
    const transport = createTransport(peer.url, { from: 'Brobygge <no-reply@brobygge.local>' });
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < o.messages) {
          const i = next++;
          await transport.sendMail({
            to: `plain${i}@bench.example`,
            subject: 'Testmeddelande från Brobygge',
            text: 'Det här är ett testmeddelande.',
            html: '<p>Det här är ett testmeddelande.</p>',
          });
        }
      }),
    );
    const plainMs = performance.now() - t0;
    transport.close();

    const { WorkerModule } = await import('../apps/worker/src/worker.module');
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    try {
      const ds = worker.get(DataSource);
      const before = peer.count();
      const t1 = performance.now();
      await ds.transaction((m) =>
        worker.get(OutboxService).add(
          m,
          Array.from({ length: o.messages }, (_, i) => ({ type: 'test_email', recipientEmail: `pipe${i}@bench.example`, locale: 'sv' as const, payload: {} })),
        ),
      );
      await until(() => peer.count() - before >= o.messages, 120_000);
      const pipelineMs = performance.now() - t1;
      const [{ sent }] = await ds.query(`SELECT count(*)::int AS sent FROM outbox_message WHERE status = 'SENT'`);
      log(`| path | time (ms) | messages/s |`);
      log(`| plain nodemailer sends | ${fmt(plainMs, 0)} | ${fmt((o.messages / plainMs) * 1000, 0)} |`);
      log(`| outbox → relay → BullMQ → processor → SMTP | ${fmt(pipelineMs, 0)} | ${fmt((o.messages / pipelineMs) * 1000, 0)} |`);
      const ratio = plainMs / pipelineMs;
      log(`pipeline speed = ${fmt(ratio * 100)} % of plain sends (rows marked SENT by then: ${sent}); target ≥ 50 % — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
    } finally {
      await worker.close();
    }
  } finally {
    await peer.close();
    await db.drop();
  }
}
