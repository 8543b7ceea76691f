export * from './outbox-message.entity';
export * from './outbox.service';
export * from './mailer';
export * from './delivery.service';
export * from './relay.service';
export * from './jobs';
export * from './notifications.module';
export { render } from './templates';
