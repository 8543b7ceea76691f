/**
 * The notifications context's public surface: the outbox other contexts write to in their
 * own transactions, the delivery guards they register, in-app notifications for the API,
 * and for the worker the relay, delivery, queues and job options.
 */
export { NotificationsModule } from './notifications.module';
export { OutboxService } from './outbox.service';
export type { NewNotification } from './outbox.service';
export { MAX_ATTACHMENT_BYTES } from './attachments';
export type { MailAttachment } from './attachments';
export { DeliveryGuards } from './delivery-guards';
export { InAppNotifications } from './in-app.service';
export { DeliveryService } from './delivery.service';
export { RelayService } from './relay.service';
export type { DeliveryJobState, OutboxBacklog, OutboxQueue, SweepResult } from './relay.service';
export { backoffStrategy, JOB_QUEUE, JobName, jobOptions, QueueName } from './jobs';
export type { JobPayloads } from './jobs';
export { render } from './templates';
/**
 * The outbox row, exported because it is genuinely read outside: the worker's operator
 * commands (outbox:failed, outbox:redrive) list and re-drive rows, and tests assert on them.
 */
export { OutboxMessage, OutboxStatus } from './outbox-message.entity';
