import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app notification: what the e-mail said, for the user to read in the app. Written
 * by the processor when it delivers an outbox row addressed to a user — whether or not
 * that user wants e-mail — once per row (the outbox id is unique here).
 */
@Entity({ name: 'notification' })
@Index('ix_notification_user', ['userId', 'createdAt', 'id'])
@Index('uq_notification_outbox', ['outboxId'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_notification' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  // By entity name: notifications do not import the identity context.
  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user' })
  user?: object;

  @Column({ type: 'uuid' })
  outboxId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
