import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from '@brobygge/core';
import { DigestFrequency } from './enums';

/**
 * A person. After `deleteMyAccount` the row stays (so that records pointing at it keep
 * their integrity) with name, e-mail and password erased and `deletedAt` set.
 */
@Entity({ name: 'app_user' })
@Index('ux_app_user_email', ['email'], { unique: true, where: '"email" IS NOT NULL' })
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** Normalised (trimmed, lower-case); null once the account is deleted. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** argon2id; null once the account is deleted. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 2, default: 'sv' })
  locale: Locale;

  @Column({ type: 'boolean', default: false })
  isAdmin: boolean;

  @Column({ type: 'boolean', default: true })
  emailNotifications: boolean;

  @Column({ type: 'varchar', length: 8, default: DigestFrequency.NEVER })
  digest: DigestFrequency;

  /** When the last digest period was closed for this user (sent or, with nothing new, skipped). */
  @Column({ type: 'timestamptz', nullable: true })
  lastDigestAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
