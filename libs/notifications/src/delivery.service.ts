import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { attachmentsOf, sentAttachments } from './attachments';
import { DeliveryGuards } from './delivery-guards';
import { Mailer } from './mailer';
import { Notification } from './notification.entity';
import { notificationsQueries } from './notifications.queries';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { render } from './templates';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'no-email' | 'skipped' | 'missing';

/** Sent by e-mail even to users who turned e-mail off: they are about the account itself. */
// A coordinator's outreach (issue 15) too: like an invitation, it is addressed to the school, not a notice of activity.
const ALWAYS_EMAILED = new Set(['invitation', 'test_email', 'organization_verified', 'outreach']);

/**
 * Delivers one outbox row. Idempotent: a row already SENT is not sent again, and the
 * Message-ID is derived from the row id so that a duplicate (after a crash between the
 * SMTP answer and our commit) is recognisable by the receiving side.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guards: DeliveryGuards,
  ) {}

  static messageIdFor(outboxId: string): string {
    return `<${outboxId}@brobygge>`;
  }

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const repo = this.dataSource.getRepository(OutboxMessage);
    const row = await repo.findOneBy({ id: outboxId });
    if (!row) return 'missing';
    if (row.status === OutboxStatus.SENT || row.status === OutboxStatus.SKIPPED) return 'already-sent';
    await repo.increment({ id: row.id }, 'attempts', 1);

    const stale = await this.guards.check(row.type, row.payload, this.dataSource.manager);
    if (stale) {
      await repo.update({ id: row.id }, { status: OutboxStatus.SKIPPED, lastError: `skipped: ${stale}`.slice(0, 2000) });
      this.logger.log({ outboxId: row.id, type: row.type, reason: stale }, 'notification skipped');
      return 'skipped';
    }
    const rendered = render(row.type, row.payload, row.locale, { publicUrl: this.config.PUBLIC_URL });
    // The in-app copy first: written once per row, whatever happens to the e-mail.
    let emailWanted = true;
    if (row.recipientUserId) {
      const user = await notificationsQueries.recipientSettings(this.dataSource, row.recipientUserId);
      if (!user || user.deleted) emailWanted = false;
      else {
        emailWanted = user.email_notifications || ALWAYS_EMAILED.has(row.type);
        // Invitations are e-mail only (RULES.md), and no message whose payload carries a
        // one-time secret gets an in-app copy: its link would keep the live token stored.
        const emailOnly = row.type === 'invitation' || Object.keys(row.payload).some((key) => key.startsWith('secret'));
        if (!emailOnly) {
          await this.dataSource
            .createQueryBuilder()
            .insert()
            .into(Notification)
            .values({ userId: row.recipientUserId, outboxId: row.id, type: row.type, title: rendered.subject.slice(0, 300), body: rendered.body, link: rendered.link })
            .orIgnore()
            .execute();
        }
      }
    }
    const messageId = DeliveryService.messageIdFor(row.id);
    const to = row.recipientEmail;
    const email = row.sendEmail && !!to && emailWanted;
    if (email) {
      await this.mailer.send({
        to: to!,
        messageId,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: { 'X-Brobygge-Type': row.type },
        attachments: attachmentsOf(row.payload),
      });
    }
    await repo.update(
      { id: row.id },
      {
        status: OutboxStatus.SENT,
        sentAt: new Date(),
        messageId: email ? messageId : null,
        lastError: null,
        payload: sentAttachments(withoutSecrets(row.payload)) as QueryDeepPartialEntity<Record<string, unknown>>,
      },
    );
    this.logger.log({ outboxId: row.id, type: row.type }, email ? 'notification sent' : 'notification recorded');
    return email ? 'sent' : 'no-email';
  }

  /**
   * After the last attempt: the row is FAILED with its error, for an admin to re-drive.
   * Throws when Postgres does not answer; the caller logs it and the sweeper writes it later.
   */
  async markFailed(outboxId: string, error: string): Promise<void> {
    await this.dataSource
      .getRepository(OutboxMessage)
      .update({ id: outboxId, status: OutboxStatus.ENQUEUED }, { status: OutboxStatus.FAILED, lastError: error.slice(0, 2000) });
  }

  /**
   * Puts FAILED rows back to PENDING so that the relay sends them again: it removes the
   * failed job of the row from BullMQ (kept there for a week) and adds a new one.
   */
  async redrive(ids?: string[]): Promise<number> {
    const qb = this.dataSource
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ status: OutboxStatus.PENDING, attempts: 0, availableAt: () => 'now()' })
      .where('status = :failed', { failed: OutboxStatus.FAILED });
    if (ids?.length) qb.andWhere('id IN (:...ids)', { ids });
    const result = await qb.execute();
    return result.affected ?? 0;
  }
}

/** One-time tokens live in the payload only until the message is sent. */
function withoutSecrets(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('secret')));
}
