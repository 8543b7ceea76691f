import { JobName, QueueName } from '@brobygge/notifications';
import { MaintenanceProcessor } from './maintenance/maintenance.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';

/** Every job name has exactly one handler; every queue has a processor. */
export function checkHandlers(processors: { queue: QueueName; handlers: Record<string, unknown> }[]): void {
  for (const name of Object.values(JobName)) {
    const owners = processors.filter((p) => typeof p.handlers[name] === 'function');
    if (owners.length !== 1) throw new Error(`Job "${name}" has ${owners.length} handlers; it needs exactly one`);
  }
  for (const queue of Object.values(QueueName)) {
    if (!processors.some((p) => p.queue === queue)) throw new Error(`Queue "${queue}" has no processor`);
  }
}

export function processorsOf(notifications: NotificationsProcessor, maintenance: MaintenanceProcessor) {
  return [
    { queue: QueueName.Notifications, handlers: notifications.handlers },
    { queue: QueueName.Maintenance, handlers: maintenance.handlers as Record<string, unknown> },
  ];
}
