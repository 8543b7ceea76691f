import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MatchOrigin, MatchStatus } from './enums';

/**
 * A request and an offer agreed, or on the way to it, for a quantity. The school, the
 * partner and the region are copied from the request and the offer when the match is
 * made, so that visibility and lists need no joins. Which sides have accepted is kept for
 * proposals that need both (coordinator and allocation proposals).
 */
@Entity({ name: 'collaboration_match' })
@Index('ix_match_request', ['requestId', 'createdAt'])
@Index('ix_match_offer', ['offerId', 'createdAt'])
@Index('ix_match_school', ['schoolId', 'createdAt'])
@Index('ix_match_partner', ['partnerId', 'createdAt'])
@Index('ix_match_region', ['regionCode', 'createdAt'])
@Index('ix_match_offer_region', ['offerRegionCode', 'createdAt'])
@Index('ix_match_created', ['createdAt', 'id'])
@Index('ix_match_due', ['status', 'endsAt'])
// One open match per request and offer, decided by the database (MatchRecords.insert maps a violation to CONFLICT).
@Index('ux_match_open_pair', ['requestId', 'offerId'], { unique: true, where: `"status" IN ('PROPOSED', 'AWAITING_APPROVAL', 'APPROVED', 'SCHEDULED')` })
export class Match {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_collaboration_match' })
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  @ManyToOne('CollaborationRequest', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id', foreignKeyConstraintName: 'fk_match_request' })
  request?: object;

  @Column({ type: 'uuid' })
  offerId: string;

  @ManyToOne('Offer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_id', foreignKeyConstraintName: 'fk_match_offer' })
  offer?: object;

  /** The requesting school. */
  @Column({ type: 'uuid' })
  schoolId: string;

  /** The offering organisation. */
  @Column({ type: 'uuid' })
  partnerId: string;

  /** The request's region: its coordinators approve. */
  @Column({ type: 'varchar', length: 64 })
  regionCode: string;

  /**
   * The offer's region, copied by a database trigger when the match is made (migration
   * AlsoServes): differs from `regionCode` for an offer serving another region (issue 16);
   * its coordinators see the match, read-only.
   */
  @Column({ type: 'varchar', length: 64, insert: false, update: false })
  offerRegionCode: string;

  @ManyToOne('Region', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offer_region_code', foreignKeyConstraintName: 'fk_match_offer_region' })
  offerRegion?: object;

  @Column({ type: 'int' })
  quantity: number;

  /** The pair's score (0–100) when the match was made. */
  @Column({ type: 'double precision', default: 0 })
  score: number;

  @Column({ type: 'varchar', length: 24 })
  status: MatchStatus;

  @Column({ type: 'varchar', length: 16 })
  origin: MatchOrigin;

  @Column({ type: 'boolean', default: false })
  schoolAccepted: boolean;

  @Column({ type: 'boolean', default: false })
  partnerAccepted: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  /** Grows with every change that a calendar should pick up (ICS SEQUENCE). */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'uuid', nullable: true })
  proposedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One transition of a match: who, from which state to which, and what they said. */
@Entity({ name: 'match_event' })
@Index('ix_match_event_match', ['matchId', 'at'])
export class MatchEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_match_event' })
  id: string;

  @Column({ type: 'uuid' })
  matchId: string;

  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_match_event_match' })
  match?: Match;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  at: Date;

  /** Null for the system (the worker) and for an erased account's actions. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  fromStatus: MatchStatus | null;

  @Column({ type: 'varchar', length: 24 })
  toStatus: MatchStatus;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
