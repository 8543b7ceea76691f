import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '@brobygge/core';

export enum OutboxStatus {
  /** Written with the change that caused it; not yet handed to the queue. */
  PENDING = 'PENDING',
  /** A job with this row's id is in the queue (the relay's sweeper checks rows ENQUEUED for long). */
  ENQUEUED = 'ENQUEUED',
  SENT = 'SENT',
  /** Every attempt failed; an admin can re-drive it (`outbox:redrive`: back to PENDING). */
  FAILED = 'FAILED',
  /** Not sent on purpose: what it announced no longer holds (e.g. a reminder of a cancelled match). */
  SKIPPED = 'SKIPPED',
}

/**
 * The transactional outbox: one row per recipient and notification, written in the same
 * transaction as the change that causes it. The worker's relay moves PENDING rows into
 * BullMQ (job id = row id); the processor sends and marks the row SENT, so a retried job
 * never sends twice.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_message_pending', ['availableAt'], { where: `"status" = 'PENDING'` })
@Index('ix_outbox_message_status', ['status', 'createdAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_outbox_message' })
  id: string;

  /** A notification type with a template (see templates/). */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  /** The recipient, when they have an account. */
  @Index('ix_outbox_message_recipient_user_id')
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  recipientEmail: string | null;

  @Column({ type: 'varchar', length: 2 })
  locale: Locale;

  /** Ids and the few words a template needs; never a secret except one-time tokens. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Whether an e-mail goes out (the user's preference; security mails always). */
  @Column({ type: 'boolean', default: true })
  sendEmail: boolean;

  @Column({ type: 'varchar', length: 16, default: OutboxStatus.PENDING })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Not relayed before this moment (reminders, digests). */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /**
   * When the row was last handed to the queue, or last seen alive there by the sweeper;
   * null until the first hand-over (so the relay knows a re-drive from a first send).
   */
  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** The Message-ID header sent, derived from the row id. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  messageId: string | null;
}
