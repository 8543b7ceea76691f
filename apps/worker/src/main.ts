import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { startProcess } from '@brobygge/database';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { checkHandlers, processorsOf } from './startup-check';
import { WorkerModule } from './worker.module';

/** The worker process. `--check` boots, verifies every job has a handler, and exits. */
void startProcess(async () => {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  checkHandlers(processorsOf(app.get(NotificationsProcessor), app.get(MaintenanceProcessor)));
  await app.init();
  if (process.argv.includes('--check')) {
    app.get(Logger).log('worker start-up check passed: every job name has one handler');
    await app.close();
    return;
  }
  app.get(Logger).log('worker started');
});
