import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Region } from './region.entity';
import { ActivityType, DeliveryMode, RequestStatus } from './enums';

/**
 * What a school asks for (no pupil data: counts and ages only). `quantityMatched` is what
 * matches hold, kept by the match workflow under a row lock; the status follows it.
 */
@Entity({ name: 'collaboration_request' })
@Index('ix_request_browse', ['status', 'regionCode', 'activityType', 'createdAt'])
@Index('ix_request_created', ['createdAt', 'id'])
@Index('ix_request_organization', ['organizationId', 'createdAt'])
@Index('ix_request_dates', ['earliestDate', 'latestDate'])
@Index('ix_request_region_created', ['regionCode', 'createdAt'])
@Index('ix_request_focus_areas', { synchronize: false })
@Index('ix_request_search', { synchronize: false })
@Index('ix_request_match', { synchronize: false })
// The database backs up the match workflow's row locks: never more matched than asked for.
@Check('ck_request_quantity_matched', `"quantity_matched" <= "quantity"`)
export class CollaborationRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_collaboration_request' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  // By entity name: the catalogue does not import the identity context.
  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_collaboration_request_organization' })
  organization?: object;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_collaboration_request_region' })
  region?: Region;

  @Column({ type: 'varchar', length: 32 })
  activityType: ActivityType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', array: true })
  focusAreas: string[];

  @Column({ type: 'varchar', array: true })
  deliveryModes: DeliveryMode[];

  @Column({ type: 'varchar', array: true })
  languages: string[];

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', default: 0 })
  quantityMatched: number;

  @Column({ type: 'int', nullable: true })
  groupSize: number | null;

  @Column({ type: 'int', nullable: true })
  studentAge: number | null;

  @Column({ type: 'date' })
  earliestDate: string;

  @Column({ type: 'date' })
  latestDate: string;

  @Column({ type: 'int', nullable: true })
  maxTravelKm: number | null;

  @Column({ type: 'varchar', length: 24, default: RequestStatus.OPEN })
  status: RequestStatus;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** The organisation's coordinates, kept by database triggers (migration PlaceOnItems). */
  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  latitude?: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  longitude?: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** True when a coordinator of the region created it for the school (RULES.md: on a school's behalf). */
  @Column({ type: 'boolean', default: false })
  createdByCoordinator: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
