import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Region } from './region.entity';
import { ActivityType, DeliveryMode, OfferStatus } from './enums';

/**
 * What a partner gives: sessions or placements in a period. `region_code` is copied from
 * the organisation so that the browse filters stay on one indexed table. `capacityHeld`
 * is what matches hold (kept by the match workflow under a row lock).
 */
@Entity({ name: 'offer' })
@Index('ix_offer_browse', ['status', 'regionCode', 'activityType', 'createdAt'])
@Index('ix_offer_created', ['createdAt', 'id'])
@Index('ix_offer_organization', ['organizationId', 'createdAt'])
@Index('ix_offer_dates', ['availableFrom', 'availableUntil'])
@Index('ix_offer_focus_areas', { synchronize: false })
@Index('ix_offer_delivery_modes', { synchronize: false })
@Index('ix_offer_search', { synchronize: false })
@Index('ix_offer_match', { synchronize: false })
@Index('ix_offer_partner_load', { synchronize: false })
@Index('ix_offer_also_serves', { synchronize: false })
// The database backs up the match workflow's row locks: never more held than there is.
@Check('ck_offer_capacity_held', `"capacity_held" <= "capacity"`)
// At most ten other regions, never its own (the service drops it); a trigger checks that they are regions (migration AlsoServes).
@Check('ck_offer_also_serves', `cardinality("also_serves_region_codes") <= 10 AND NOT ("region_code" = ANY("also_serves_region_codes"))`)
export class Offer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_offer' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  // By entity name: the catalogue does not import the identity context.
  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_offer_organization' })
  organization?: object;

  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_offer_region' })
  region?: Region;

  /** Regions beyond its own that the offer also serves (issue 16): it is matched with their requests and found under them. */
  @Column({ type: 'varchar', length: 64, array: true, default: () => "'{}'" })
  alsoServesRegionCodes: string[];

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
  capacity: number;

  @Column({ type: 'int', default: 0 })
  capacityHeld: number;

  @Column({ type: 'int', nullable: true })
  groupSizeMax: number | null;

  @Column({ type: 'int', nullable: true })
  minStudentAge: number | null;

  @Column({ type: 'date' })
  availableFrom: string;

  @Column({ type: 'date' })
  availableUntil: string;

  @Column({ type: 'int', nullable: true })
  travelRadiusKm: number | null;

  @Column({ type: 'boolean', default: false })
  requiresBackgroundCheck: boolean;

  @Column({ type: 'varchar', length: 16, default: OfferStatus.DRAFT })
  status: OfferStatus;

  /** The organisation's coordinates, kept by database triggers (migration PlaceOnItems). */
  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  latitude?: number | null;

  @Column({ type: 'double precision', nullable: true, select: false, insert: false, update: false })
  longitude?: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
