import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A half-year follow-up (issue 15, point 7): the impact report of one closed period for one
 * region, produced once by the worker (the unique key makes a second producer a no-op) and
 * sent to the region's coordinators in the same transaction.
 */
@Entity({ name: 'follow_up' })
@Index('uq_follow_up_region_period', ['regionCode', 'from', 'to'], { unique: true })
@Index('ix_follow_up_created', ['createdAt'])
export class FollowUp {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_follow_up' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  @ManyToOne('Region', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_follow_up_region' })
  region?: object;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date' })
  to: string;

  /** The ImpactReport as the API returns it (numbers and buckets, no people). */
  @Column({ type: 'jsonb' })
  report: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
