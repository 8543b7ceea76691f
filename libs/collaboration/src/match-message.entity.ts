import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Match } from './match.entity';

/** Who wrote a message, by their part in the match: a member of the school, of the partner, or a coordinator of the region. */
export type MessageSide = 'SCHOOL' | 'PARTNER' | 'COORDINATOR';

/**
 * One message of the conversation on a match (issue 16): plain text, never HTML. Kept when
 * its author's account is erased (the organisations' record), with no author. Within a
 * match, `created_at` grows strictly (MatchConversation.post), so (created_at, id) is
 * both the page order and the read marker's measure.
 */
@Entity({ name: 'match_message' })
@Index('ix_match_message_match', ['matchId', 'createdAt', 'id'])
@Index('ix_match_message_author', ['authorId'])
@Check('ck_match_message_side', `"side" IN ('SCHOOL', 'PARTNER', 'COORDINATOR')`)
@Check('ck_match_message_body', `char_length("body") BETWEEN 1 AND 4000`)
export class MatchMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_match_message' })
  id: string;

  @Column({ type: 'uuid' })
  matchId: string;

  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_match_message_match' })
  match?: Match;

  /** Null once the author's account is erased. */
  @Column({ type: 'uuid', nullable: true })
  authorId: string | null;

  // By entity name: the identity context's user.
  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_match_message_author' })
  author?: object;

  @Column({ type: 'varchar', length: 16 })
  side: MessageSide;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/**
 * A person's place in a match's conversation: up to which message they have read, and when
 * they were last e-mailed about a message on it (at most once an hour per match).
 */
@Entity({ name: 'match_message_reader' })
@Index('ix_match_message_reader_user', ['userId'])
export class MatchMessageReader {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_match_message_reader' })
  matchId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_match_message_reader' })
  userId: string;

  @ManyToOne(() => Match, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_id', foreignKeyConstraintName: 'fk_match_message_reader_match' })
  match?: Match;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_match_message_reader_user' })
  user?: object;

  /** The created_at of the newest message they marked read; null: none read. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastReadAt: Date | null;

  /** When a message on this match was last e-mailed to them. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastEmailedAt: Date | null;
}
