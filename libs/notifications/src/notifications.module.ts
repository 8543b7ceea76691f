import { Module } from '@nestjs/common';
import { DeliveryService } from './delivery.service';
import { Mailer } from './mailer';
import { OutboxService } from './outbox.service';
import { RelayService } from './relay.service';

/** The outbox, its relay and delivery, the mailer and the templates. */
@Module({
  providers: [OutboxService, Mailer, DeliveryService, RelayService],
  exports: [OutboxService, Mailer, DeliveryService, RelayService],
})
export class NotificationsModule {}
