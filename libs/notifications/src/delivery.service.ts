import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Mailer } from './mailer';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { render } from './templates';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'no-email' | 'missing';

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
  ) {}

  static messageIdFor(outboxId: string): string {
    return `<${outboxId}@brobygge>`;
  }

  async deliver(outboxId: string): Promise<DeliveryOutcome> {
    const repo = this.dataSource.getRepository(OutboxMessage);
    const row = await repo.findOneBy({ id: outboxId });
    if (!row) return 'missing';
    if (row.status === OutboxStatus.SENT) return 'already-sent';
    await repo.increment({ id: row.id }, 'attempts', 1);

    const messageId = DeliveryService.messageIdFor(row.id);
    const to = row.recipientEmail;
    if (row.sendEmail && to) {
      const rendered = render(row.type, row.payload, row.locale, { publicUrl: this.config.PUBLIC_URL });
      await this.mailer.send({ to, messageId, ...rendered, headers: { 'X-Brobygge-Type': row.type } });
    }
    await repo.update(
      { id: row.id },
      {
        status: OutboxStatus.SENT,
        sentAt: new Date(),
        messageId: row.sendEmail && to ? messageId : null,
        lastError: null,
        payload: withoutSecrets(row.payload) as QueryDeepPartialEntity<Record<string, unknown>>,
      },
    );
    this.logger.log({ outboxId: row.id, type: row.type }, row.sendEmail && to ? 'notification sent' : 'notification recorded');
    return row.sendEmail && to ? 'sent' : 'no-email';
  }

  /** After the last attempt: the row is FAILED with its error, for an admin to re-drive. */
  async markFailed(outboxId: string, error: string): Promise<void> {
    await this.dataSource
      .getRepository(OutboxMessage)
      .update({ id: outboxId, status: OutboxStatus.ENQUEUED }, { status: OutboxStatus.FAILED, lastError: error.slice(0, 2000) });
  }

  /** Puts FAILED rows back to PENDING so that the relay sends them again. */
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
