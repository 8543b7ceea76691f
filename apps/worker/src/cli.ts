/**
 * Operator commands, run on a machine with access to the database:
 *   npm run cli -- send-test-email someone@example.org [--locale sv] [--note "text"]
 *   npm run cli -- outbox:redrive [id ...]      put FAILED notifications back in line
 *   npm run cli -- outbox:failed                list FAILED notifications with their error
 * The worker delivers what these commands write to the outbox.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule } from '@brobygge/config';
import { isLocale } from '@brobygge/core';
import { DatabaseModule, inTransaction, startProcess } from '@brobygge/database';
import { DeliveryService, NotificationsModule, OutboxMessage, OutboxService, OutboxStatus } from '@brobygge/notifications';

@Module({ imports: [ConfigModule, DatabaseModule, NotificationsModule] })
class CliModule {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const USAGE = 'usage: npm run cli -- send-test-email EMAIL [--locale sv|da|nb|en] [--note TEXT] | outbox:failed | outbox:redrive [ID...]';

void startProcess(
  async () => {
    const [command, ...args] = process.argv.slice(2);
    if (!command || !['send-test-email', 'outbox:redrive', 'outbox:failed'].includes(command)) {
      console.error(USAGE);
      process.exit(2);
    }
    const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
    try {
      const dataSource = app.get(DataSource);
      if (command === 'send-test-email') {
        const to = args[0];
        const locale = option(args, '--locale') ?? 'en';
        if (!to || !/^[^\s@]+@[^\s@]+$/.test(to)) throw new UsageError('send-test-email needs an e-mail address');
        if (!isLocale(locale)) throw new UsageError(`--locale must be one of sv, da, nb, en (got "${locale}")`);
        const [row] = await inTransaction(dataSource, (m) =>
          app.get(OutboxService).add(m, [{ type: 'test_email', recipientEmail: to, locale, payload: { note: option(args, '--note') ?? '' } }]),
        );
        console.log(`queued test e-mail ${row.id} to ${to}; the worker sends it`);
      } else if (command === 'outbox:failed') {
        const rows = await dataSource.getRepository(OutboxMessage).find({
          where: { status: OutboxStatus.FAILED },
          order: { createdAt: 'ASC' },
          take: 500,
        });
        for (const r of rows) console.log(`${r.id}\t${r.type}\t${r.attempts} attempts\t${r.lastError ?? ''}`);
        console.log(`${rows.length} failed`);
      } else {
        const count = await app.get(DeliveryService).redrive(args.length ? args : undefined);
        console.log(`re-queued ${count} failed notification(s)`);
      }
    } catch (e) {
      if (e instanceof UsageError) {
        console.error(`${e.message}\n${USAGE}`);
        process.exitCode = 2;
      } else throw e;
    } finally {
      await app.close();
    }
  },
  { services: false },
);

class UsageError extends Error {}
