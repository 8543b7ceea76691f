import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipRole } from './enums';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/** A person acting for an organisation, as OWNER or MEMBER. */
@Entity({ name: 'membership' })
@Index('ix_membership_organization_id', ['organizationId'])
export class Membership {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_membership' })
  userId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_membership' })
  organizationId: string;

  @Column({ type: 'varchar', length: 8 })
  role: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user' })
  user?: User;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_membership_organization' })
  organization?: Organization;
}
