import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Match } from './match.entity';

/** The person at the workplace who looks after the pupils (handledare). Not an account. */
export interface SupervisorRecord {
  name: string;
  email: string;
  phone: string | null;
}

export interface RiskAnswerRecord {
  key: string;
  answer: boolean;
  note: string | null;
}

/** A submitted risk assessment: the checklist version it answers, the answers in the checklist's order, a summary. */
export interface RiskAssessmentRecord {
  version: string;
  answers: RiskAnswerRecord[];
  summary: string | null;
}

/**
 * What a WORKPLACE_PLACEMENT match needs besides the match itself (issue 16): the
 * supervisor and the risk assessment, set by members of the offer's organisation. One
 * row per match, made by the first of the two; gone with the match.
 */
@Entity({ name: 'placement' })
export class Placement {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_placement' })
  matchId: string;

  @OneToOne('Match', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_placement_match' })
  match?: Match;

  @Column({ type: 'jsonb', nullable: true })
  supervisor: SupervisorRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  riskAssessment: RiskAssessmentRecord | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  /** Who submitted the risk assessment; null once their account is erased. */
  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
