import { Global, Module } from '@nestjs/common';
import { DeliveryGuards } from './delivery-guards';
import { DeliveryService } from './delivery.service';
import { InAppNotifications } from './in-app.service';
import { Mailer } from './mailer';
import { OutboxService } from './outbox.service';
import { RelayService } from './relay.service';

/** The outbox, its relay and delivery, the mailer and the templates. */
@Global()
@Module({
  providers: [OutboxService, Mailer, DeliveryService, RelayService, DeliveryGuards, InAppNotifications],
  exports: [OutboxService, Mailer, DeliveryService, RelayService, DeliveryGuards, InAppNotifications],
})
export class NotificationsModule {}
