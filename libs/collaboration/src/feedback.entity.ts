import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Match } from './match.entity';
import type { Side } from './match.policy';

/**
 * What one side (the school or the partner) said about a completed match: once per side.
 * Participant counts are aggregate numbers given by the school side only — never names
 * (RULES.md, Data protection); on the partner's row they are null.
 */
@Entity({ name: 'feedback' })
@Index('uq_feedback_match_side', ['matchId', 'side'], { unique: true })
@Index('ix_feedback_partner', ['partnerId', 'side'])
@Check('ck_feedback_side', `"side" IN ('SCHOOL', 'PARTNER')`)
@Check('ck_feedback_rating', `"rating" BETWEEN 1 AND 5`)
@Check(
  'ck_feedback_participants',
  `coalesce("participants_female", 0) >= 0 AND coalesce("participants_male", 0) >= 0 AND coalesce("participants_non_binary", 0) >= 0 AND coalesce("participants_unknown", 0) >= 0`,
)
export class Feedback {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_feedback' })
  id: string;

  @Column({ type: 'uuid' })
  matchId: string;

  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_feedback_match' })
  match?: Match;

  @Column({ type: 'varchar', length: 8 })
  side: Side;

  /** The match's partner, copied so that a partner's past feedback is one indexed read. */
  @Column({ type: 'uuid' })
  partnerId: string;

  /** Who gave it; null once that account is erased. */
  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @Column({ type: 'smallint' })
  rating: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int', nullable: true })
  participantsFemale: number | null;

  @Column({ type: 'int', nullable: true })
  participantsMale: number | null;

  @Column({ type: 'int', nullable: true })
  participantsNonBinary: number | null;

  @Column({ type: 'int', nullable: true })
  participantsUnknown: number | null;

  @Column({ type: 'boolean', nullable: true })
  wouldRepeat: boolean | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  submittedAt: Date;
}
