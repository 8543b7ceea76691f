import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/**
 * The outreach's hand-written SQL (collaboration's, beside collaboration.queries.ts): the
 * newest outreach of many organisations in one query, the responses that set
 * `responded_at`, the people written to, and the GDPR rights.
 */

/** An account with an e-mail address, as a notice to it needs it. */
export interface AccountRecipient {
  id: string;
  email: string;
  locale: Locale;
}

/** An outreach its coordinator sent, as exportMyData shows it. */
export interface OutreachSentRow {
  id: string;
  organizationId: string;
  email: string | null;
  message: string | null;
  offerIds: string[];
  sentAt: Date;
  respondedAt: Date | null;
}

/** An outreach to a person's address (the invitation to claim a school), as exportMyData shows it. */
export interface OutreachReceivedRow {
  id: string;
  organizationId: string;
  message: string | null;
  sentAt: Date;
}

export const outreachQueries = {
  /**
   * The newest `first` outreach rows of each organisation (sent_at, then id, descending), in
   * one query: a lateral read per organisation on ix_outreach_organization_sent. `columns`
   * is the entity's SELECT list over alias `o` (selectColumns).
   */
  async newestOf<T>(m: Sql, columns: string, organizationIds: readonly string[], first: number): Promise<T[]> {
    return m.query(
      `SELECT ${columns} FROM unnest($1::uuid[]) AS g(id)
         CROSS JOIN LATERAL (SELECT * FROM outreach x WHERE x.organization_id = g.id ORDER BY x.sent_at DESC, x.id DESC LIMIT $2) o
        ORDER BY o.organization_id, o.sent_at DESC, o.id DESC`,
      [organizationIds, first],
    );
  },

  /** The school answered at `at`: its outreach sent until then that had no answer yet now has one. */
  async responded(m: Sql, organizationId: string, at: Date): Promise<void> {
    await m.query(`UPDATE outreach SET responded_at = $2 WHERE organization_id = $1 AND responded_at IS NULL AND sent_at <= $2`, [organizationId, at]);
  },

  /** A person signed in at `at`: the outreach to every school they are a member of is answered. */
  async respondedByMember(m: Sql, userId: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE outreach o SET responded_at = $2 FROM membership ms
        WHERE ms.user_id = $1 AND o.organization_id = ms.organization_id AND o.responded_at IS NULL AND o.sent_at <= $2`,
      [userId, at],
    );
  },

  /** The account behind an address, if any (its language, for the invitation to claim). */
  async accountByEmail(m: Sql, email: string): Promise<AccountRecipient | null> {
    const rows: AccountRecipient[] = await m.query(`SELECT id, email, locale FROM app_user WHERE email = $1 AND deleted_at IS NULL`, [email]);
    return rows[0] ?? null;
  },

  async sentBy(m: Sql, userId: string): Promise<OutreachSentRow[]> {
    return m.query(
      `SELECT id, organization_id AS "organizationId", email, message, offer_ids AS "offerIds", sent_at AS "sentAt", responded_at AS "respondedAt"
         FROM outreach WHERE coordinator_id = $1 ORDER BY sent_at, id`,
      [userId],
    );
  },

  /** Erasure of a coordinator: their outreach stays the school's record, with no coordinator. */
  async forgetCoordinator(m: Sql, userId: string): Promise<void> {
    await m.query(`UPDATE outreach SET coordinator_id = NULL WHERE coordinator_id = $1`, [userId]);
  },

  async sentTo(m: Sql, email: string): Promise<OutreachReceivedRow[]> {
    return m.query(`SELECT id, organization_id AS "organizationId", message, sent_at AS "sentAt" FROM outreach WHERE email = $1 ORDER BY sent_at, id`, [email]);
  },

  /** Erasure of the person an invitation to claim went to: their address leaves the record. */
  async forgetAddress(m: Sql, email: string): Promise<void> {
    await m.query(`UPDATE outreach SET email = NULL WHERE email = $1`, [email]);
  },
};
