import { Global, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { registerPersonalData } from '@brobygge/core';
import { DeliveryGuards } from './delivery-guards';
import { DeliveryService } from './delivery.service';
import { InAppNotifications } from './in-app.service';
import { Mailer } from './mailer';
import { OutboxService } from './outbox.service';
import { notificationsPersonalData } from './personal-data';
import { RelayService } from './relay.service';

/** The outbox, its relay and delivery, the mailer and the templates. */
@Global()
@Module({
  providers: [OutboxService, Mailer, DeliveryService, RelayService, DeliveryGuards, InAppNotifications],
  exports: [OutboxService, Mailer, DeliveryService, RelayService, DeliveryGuards, InAppNotifications],
})
export class NotificationsModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** This context's part of exportMyData and deleteMyAccount (docs/decisions.md, "Identity"). */
  onModuleInit(): void {
    for (const [section, contributor] of Object.entries(notificationsPersonalData)) registerPersonalData(this.moduleRef, section, contributor);
  }
}
