import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';
import { DigestFrequency, MembershipRole } from './enums';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

/**
 * Identity's hand-written SQL, named, with typed parameters: the viewer in one query, the
 * bootstrap admin's lock, the claim of due digests and the invitations a person sent.
 * Everything else in identity goes through the entities.
 */

/** A user with their memberships (organisation ids and roles, in the same order) and coordinator regions. */
export interface ViewerRow {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  is_admin: boolean;
  orgs: string[] | null;
  roles: MembershipRole[] | null;
  regions: string[] | null;
}

/** A person whose daily or weekly digest is due, as the digest sweep needs them. */
export interface DueDigest {
  id: string;
  email: string;
  locale: Locale;
  digest: DigestFrequency.DAILY | DigestFrequency.WEEKLY;
  /** When their last digest went out; null before the first. */
  since: Date | null;
}

/** An invitation a person sent; created_at as text, to the microsecond. */
export interface InvitationSentRow {
  id: string;
  createdAt: string;
  email: string | null;
}

export const identityQueries = {
  /** The signed-in, not erased user `userId` with their memberships and regions (empty: none such). */
  async viewerRows(m: Sql, userId: string): Promise<ViewerRow[]> {
    return m.query(
      `SELECT u.id, u.email, u.name, u.locale, u.is_admin,
              (SELECT array_agg(m.organization_id::text ORDER BY m.organization_id) FROM membership m WHERE m.user_id = u.id) AS orgs,
              (SELECT array_agg(m.role ORDER BY m.organization_id) FROM membership m WHERE m.user_id = u.id) AS roles,
              (SELECT array_agg(c.region_code ORDER BY c.region_code) FROM coordinator_region c WHERE c.user_id = u.id) AS regions
         FROM app_user u WHERE u.id = $1 AND u.deleted_at IS NULL AND u.email IS NOT NULL`,
      [userId],
    );
  },

  /** The transaction-scoped lock that makes creating the bootstrap admin happen once. */
  async lockBootstrapAdmin(m: Sql): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('brobygge:bootstrap-admin'))`);
  },

  /** Up to `batch` people whose digest is due at `now`, locked (SKIP LOCKED). */
  async lockDueDigests(m: Sql, now: Date, batch: number): Promise<DueDigest[]> {
    return m.query(
      `SELECT id, email, locale, digest, last_digest_at AS since FROM app_user
      WHERE digest IN ('DAILY', 'WEEKLY') AND email IS NOT NULL AND deleted_at IS NULL
        AND (last_digest_at IS NULL
             OR last_digest_at <= $1::timestamptz - CASE digest WHEN 'DAILY' THEN interval '1 day' ELSE interval '7 days' END)
      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, batch],
    );
  },

  /** Their digest went out at `at`. */
  async setLastDigestAt(m: Sql, at: Date, userIds: readonly string[]): Promise<void> {
    await m.query(`UPDATE app_user SET last_digest_at = $1 WHERE id = ANY($2::uuid[])`, [at, userIds]);
  },

  /** The invitations a person sent. */
  async invitationsSentBy(m: Sql, userId: string): Promise<InvitationSentRow[]> {
    return m.query(`SELECT id, created_at::text AS "createdAt", email FROM invitation WHERE invited_by_id = $1`, [userId]);
  },
};
