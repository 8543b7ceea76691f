import { CreateDateColumn, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';

/**
 * A person's secret calendar address: the token in `/calendar/<token>.ics` is the only
 * credential of the feed (calendar apps send no headers). Made on first use; rotating
 * replaces the token, so the old address stops working at once.
 */
@Entity({ name: 'calendar_feed' })
@Index('uq_calendar_feed_token', ['token'], { unique: true })
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_calendar_feed' })
  userId: string;

  // By entity name: follow-up does not reach into the identity context's internals.
  @OneToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_calendar_feed_user' })
  user?: object;

  /** 256 random bits, base64url. */
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;
}
