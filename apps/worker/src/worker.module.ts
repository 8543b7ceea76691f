import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type { ConnectionOptions } from 'bullmq';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, loggerParams } from '@brobygge/config';
import { CollaborationModule } from '@brobygge/collaboration';
import { FollowupModule } from '@brobygge/followup';
import { ClockModule } from '@brobygge/core';
import { DatabaseModule, redisOptions } from '@brobygge/database';
import { NotificationsModule, QueueName } from '@brobygge/notifications';
import { Jobs } from './jobs';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { OutboxRelay } from './relay/outbox-relay';

/** The worker: the outbox relay and one processor per queue (notifications, maintenance — including the half-year follow-ups). */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c, 'worker') }),
    DatabaseModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ connection: redisOptions(c) as ConnectionOptions, prefix: c.REDIS_PREFIX }),
    }),
    BullModule.registerQueue({ name: QueueName.Notifications }, { name: QueueName.Maintenance }),
    ClockModule,
    NotificationsModule,
    CollaborationModule,
    FollowupModule,
  ],
  providers: [Jobs, NotificationsProcessor, MaintenanceProcessor, OutboxRelay],
  exports: [Jobs, OutboxRelay],
})
export class WorkerModule {}
