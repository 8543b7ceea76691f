import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';
import type { MatchMessage, MessageSide } from './match-message.entity';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/** Who hears about a message: a person, their address, language and e-mail settings, and which of the match's organisations they belong to. */
export interface MessageRecipient {
  id: string;
  email: string;
  locale: Locale;
  digest: string;
  email_notifications: boolean;
  orgs: string[];
}

/** A match with messages a person has not read, for their digest. */
export interface UnreadConversation {
  matchId: string;
  count: number;
  offerTitle: string | null;
}

/** A message as exportMyData shows it. */
export interface MessageWrittenRow {
  id: string;
  matchId: string;
  side: MessageSide;
  body: string;
  createdAt: Date;
}

const MESSAGE_COLUMNS = `id, match_id AS "matchId", author_id AS "authorId", side, body, created_at AS "createdAt"`;

/**
 * The SQL of the conversation on a match (issue 16). Reads of identity's tables (people,
 * memberships, coordinators) are reads only; the context writes only its own two tables.
 */
export const conversationQueries = {
  /**
   * A new message, stamped after every earlier one of its match (at least 1 ms later):
   * the caller holds the match's row lock, so within a match created_at grows strictly
   * in commit order and a read marker never skips a message committed after it.
   */
  async insert(m: Sql, matchId: string, authorId: string, side: MessageSide, body: string): Promise<MatchMessage> {
    const [row]: MatchMessage[] = await m.query(
      `INSERT INTO match_message (match_id, author_id, side, body, created_at)
       SELECT $1, $2, $3, $4, GREATEST(date_trunc('milliseconds', clock_timestamp()),
                                      (SELECT max(created_at) FROM match_message WHERE match_id = $1) + interval '1 millisecond')
       RETURNING ${MESSAGE_COLUMNS}`,
      [matchId, authorId, side, body],
    );
    return row;
  },

  /**
   * The other participants of a match's conversation: the members of its school and its
   * partner, and the region's coordinators who have written on it; never the author,
   * erased accounts or people without an address.
   */
  async recipients(m: Sql, match: { id: string; schoolId: string; partnerId: string; regionCode: string }, authorId: string): Promise<MessageRecipient[]> {
    return m.query(
      `SELECT u.id, u.email, u.locale, u.digest, u.email_notifications,
              ARRAY(SELECT organization_id::text FROM membership WHERE user_id = u.id AND organization_id IN ($2::uuid, $3::uuid)) AS orgs
         FROM app_user u
        WHERE u.email IS NOT NULL AND u.deleted_at IS NULL AND u.id <> $5::uuid
          AND (u.id IN (SELECT user_id FROM membership WHERE organization_id IN ($2::uuid, $3::uuid))
               OR (u.id IN (SELECT user_id FROM coordinator_region WHERE region_code = $4)
                   AND u.id IN (SELECT author_id FROM match_message WHERE match_id = $1 AND side = 'COORDINATOR')))
        ORDER BY u.id`,
      [match.id, match.schoolId, match.partnerId, match.regionCode, authorId],
    );
  },

  /**
   * The hourly e-mail cap: of `userIds`, those not e-mailed about a message on this match
   * in the last hour, whose `last_emailed_at` becomes now. One statement; the caller holds
   * the match's row lock, so two messages at once do not both e-mail a person.
   */
  async claimEmails(m: Sql, matchId: string, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await m.query(
      `INSERT INTO match_message_reader (match_id, user_id, last_emailed_at)
       SELECT $1, u, now() FROM unnest($2::uuid[]) AS u
       ON CONFLICT (match_id, user_id) DO UPDATE SET last_emailed_at = EXCLUDED.last_emailed_at
        WHERE match_message_reader.last_emailed_at IS NULL OR match_message_reader.last_emailed_at <= EXCLUDED.last_emailed_at - interval '1 hour'
       RETURNING user_id`,
      [matchId, [...userIds]],
    );
    return new Set(rows.map((r) => r.user_id));
  },

  /**
   * One page of each match's messages, oldest first, after the (created_at, id) key
   * `after` (the same key for every match: a list asks for first pages): `limit` rows.
   */
  async pages(m: Sql, matchIds: readonly string[], limit: number, after: [string, string] | null): Promise<MatchMessage[]> {
    return m.query(
      `SELECT p.* FROM unnest($1::uuid[]) AS x(id)
        CROSS JOIN LATERAL (
          SELECT ${MESSAGE_COLUMNS} FROM match_message
           WHERE match_id = x.id AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
           ORDER BY created_at, id LIMIT $2) p
        ORDER BY p."matchId", p."createdAt", p.id`,
      [[...matchIds], limit, after?.[0] ?? null, after?.[1] ?? null],
    );
  },

  /** How many messages each match has. */
  async counts(m: Sql, matchIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ match_id: string; n: number }> = await m.query(
      `SELECT match_id, count(*)::int AS n FROM match_message WHERE match_id = ANY($1::uuid[]) GROUP BY match_id`,
      [[...matchIds]],
    );
    return new Map(rows.map((r) => [r.match_id, r.n]));
  },

  /** Per match, the messages of others after the person's read marker. */
  async unread(m: Sql, userId: string, matchIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ match_id: string; n: number }> = await m.query(
      `SELECT x.match_id, count(*)::int AS n
         FROM match_message x
         LEFT JOIN match_message_reader r ON r.match_id = x.match_id AND r.user_id = $2
        WHERE x.match_id = ANY($1::uuid[]) AND x.author_id IS DISTINCT FROM $2::uuid
          AND (r.last_read_at IS NULL OR x.created_at > r.last_read_at)
        GROUP BY x.match_id`,
      [[...matchIds], userId],
    );
    return new Map(rows.map((r) => [r.match_id, r.n]));
  },

  /**
   * Moves the person's read marker to the match's newest message and returns how many
   * messages of others it passed. The marker row is locked first, so two calls at once do
   * not count the same messages twice.
   */
  async markRead(m: Sql, matchId: string, userId: string): Promise<number> {
    await m.query(`INSERT INTO match_message_reader (match_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [matchId, userId]);
    const [marker]: Array<{ last_read_at: Date | null }> = await m.query(
      `SELECT last_read_at FROM match_message_reader WHERE match_id = $1 AND user_id = $2 FOR UPDATE`,
      [matchId, userId],
    );
    const [row]: Array<{ newest: Date | null; n: number }> = await m.query(
      `SELECT max(created_at) AS newest,
              count(*) FILTER (WHERE author_id IS DISTINCT FROM $2::uuid AND ($3::timestamptz IS NULL OR created_at > $3::timestamptz))::int AS n
         FROM match_message WHERE match_id = $1`,
      [matchId, userId, marker.last_read_at],
    );
    if (row.newest && (!marker.last_read_at || row.newest > marker.last_read_at)) {
      await m.query(`UPDATE match_message_reader SET last_read_at = $3 WHERE match_id = $1 AND user_id = $2`, [matchId, userId, row.newest]);
    }
    return row.n;
  },

  /**
   * The matches with messages of others that a person has not read and that came after
   * `since`, for their digest: on matches of their organisations, and as a coordinator on
   * matches of their regions where they have written. The offer's title is left out when
   * its organisation is not verified and the person is not one of its members.
   */
  async unreadConversations(m: Sql, userId: string, since: Date): Promise<UnreadConversation[]> {
    return m.query(
      `SELECT x.match_id AS "matchId", count(*)::int AS count,
              CASE WHEN p.verified OR mt.partner_id IN (SELECT organization_id FROM membership WHERE user_id = $1) THEN o.title END AS "offerTitle"
         FROM match_message x
         JOIN collaboration_match mt ON mt.id = x.match_id
         JOIN offer o ON o.id = mt.offer_id
         JOIN organization p ON p.id = mt.partner_id
         LEFT JOIN match_message_reader r ON r.match_id = x.match_id AND r.user_id = $1
        WHERE x.created_at > $2 AND x.author_id IS DISTINCT FROM $1::uuid
          AND (r.last_read_at IS NULL OR x.created_at > r.last_read_at)
          AND (mt.school_id IN (SELECT organization_id FROM membership WHERE user_id = $1)
               OR mt.partner_id IN (SELECT organization_id FROM membership WHERE user_id = $1)
               OR (mt.region_code IN (SELECT region_code FROM coordinator_region WHERE user_id = $1)
                   AND EXISTS (SELECT 1 FROM match_message c WHERE c.match_id = x.match_id AND c.author_id = $1 AND c.side = 'COORDINATOR')))
        GROUP BY x.match_id, mt.partner_id, p.verified, o.title
        ORDER BY max(x.created_at) DESC`,
      [userId, since],
    );
  },

  /** The messages a person wrote (exportMyData). */
  async writtenBy(m: Sql, userId: string): Promise<MessageWrittenRow[]> {
    return m.query(`SELECT id, match_id AS "matchId", side, body, created_at AS "createdAt" FROM match_message WHERE author_id = $1 ORDER BY created_at, id`, [userId]);
  },

  /** Erasure: the person's messages stay, with no author. */
  async forgetAuthor(m: Sql, userId: string): Promise<void> {
    await m.query(`UPDATE match_message SET author_id = NULL WHERE author_id = $1`, [userId]);
  },

  /** The person's read markers (exportMyData). */
  async readersOf(m: Sql, userId: string): Promise<Array<{ matchId: string; lastReadAt: Date | null; lastEmailedAt: Date | null }>> {
    return m.query(
      `SELECT match_id AS "matchId", last_read_at AS "lastReadAt", last_emailed_at AS "lastEmailedAt" FROM match_message_reader WHERE user_id = $1 ORDER BY match_id`,
      [userId],
    );
  },

  /** Erasure: the person's read markers are only theirs, and go. */
  async forgetReader(m: Sql, userId: string): Promise<void> {
    await m.query(`DELETE FROM match_message_reader WHERE user_id = $1`, [userId]);
  },
};
