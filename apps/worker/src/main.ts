import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { startProcess } from '@brobygge/database';
import { QueueName } from '@brobygge/notifications';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { OutboxRelay } from './relay/outbox-relay';
import { onShutdownSignal, shutdownWorker } from './shutdown';
import { checkHandlers, processorsOf } from './startup-check';
import { WorkerModule } from './worker.module';

/** The worker process. `--check` boots, verifies every job has a handler, and exits. */
void startProcess(async (config) => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  checkHandlers(processorsOf(app.get(NotificationsProcessor), app.get(MaintenanceProcessor)));
  await app.init();
  if (process.argv.includes('--check')) {
    logger.log('worker start-up check passed: every job name has one handler');
    await app.close();
    return;
  }
  // Not Nest's enableShutdownHooks: its close waits for BullMQ and Redis without a limit.
  onShutdownSignal(config.SHUTDOWN_TIMEOUT_MS, () =>
    shutdownWorker(
      {
        app,
        relay: app.get(OutboxRelay),
        processors: [app.get(NotificationsProcessor), app.get(MaintenanceProcessor)],
        queues: Object.values(QueueName).map((name) => app.get(getQueueToken(name), { strict: false })),
        dataSource: app.get(DataSource),
      },
      config.SHUTDOWN_TIMEOUT_MS,
    ),
  );
  logger.log('worker started');
});
