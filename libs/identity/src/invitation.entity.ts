import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MembershipRole } from './enums';
import { Organization } from './organization.entity';

/** An invitation to join an organisation: a one-time token, stored only as its SHA-256. */
@Entity({ name: 'invitation' })
@Index('ux_invitation_token_hash', ['tokenHash'], { unique: true })
@Index('ix_invitation_organization_id', ['organizationId'])
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitation' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_invitation_organization' })
  organization?: Organization;

  /** Normalised; erased when the invitee deletes their account. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 8 })
  role: MembershipRole;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
