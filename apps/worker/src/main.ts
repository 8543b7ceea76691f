// First: tracing patches pg and ioredis as they load (when on).
import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { stopTracing } from '@brobygge/config';
import { startProcess } from '@brobygge/database';
import { QueueName, RelayService } from '@brobygge/notifications';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { serveWorkerMetrics } from './metrics';
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
  const queues = Object.values(QueueName).map((name) => app.get(getQueueToken(name), { strict: false }));
  // Not Nest's enableShutdownHooks: its close waits for BullMQ and Redis without a limit.
  onShutdownSignal(config.SHUTDOWN_TIMEOUT_MS, async () => {
    const report = await shutdownWorker(
      {
        app,
        relay: app.get(OutboxRelay),
        processors: [app.get(NotificationsProcessor), app.get(MaintenanceProcessor)],
        queues,
        dataSource: app.get(DataSource),
      },
      config.SHUTDOWN_TIMEOUT_MS,
    );
    await stopTracing(1000);
    return report;
  });
  await serveWorkerMetrics(config, { dataSource: app.get(DataSource), relay: app.get(RelayService, { strict: false }), queues });
  logger.log('worker started');
});
