import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A coordinator's outreach to an organisation (issue 15): the e-mail with suggested offers
 * and, for an unclaimed school, the invitation that makes its acceptor OWNER. Coordinators
 * and admins read it; `respondedAt` is set when the school first signs in, claims, or posts
 * a request after it.
 */
@Entity({ name: 'outreach' })
@Index('ix_outreach_organization_sent', ['organizationId', 'sentAt'])
@Index('ix_outreach_coordinator', ['coordinatorId'])
export class Outreach {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_outreach' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  // By entity name: the identity context's organisation.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_outreach_organization' })
  organization?: object;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  /** The coordinator who sent it; null once that account is deleted. */
  @Column({ type: 'uuid', nullable: true })
  coordinatorId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'coordinator_id', foreignKeyConstraintName: 'fk_outreach_coordinator' })
  coordinator?: object;

  /** Where the invitation went (unclaimed schools only). */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  offerIds: string[];

  @Column({ type: 'uuid', nullable: true })
  invitationId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sentAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;
}
