import type { EntityManager } from 'typeorm';
import type { Locale } from '@brobygge/core';
import { DigestFrequency } from './enums';

/** A person whose daily or weekly digest is due, as the digest sweep needs them. */
export interface DueDigest {
  id: string;
  email: string;
  locale: Locale;
  digest: DigestFrequency.DAILY | DigestFrequency.WEEKLY;
  /** When their last digest went out; null before the first. */
  since: Date | null;
}

/**
 * Claims up to `batch` people whose digest is due at `now` by moving their `last_digest_at`
 * to `now`, in the caller's transaction (so the claim and the digest's outbox row commit
 * together). SKIP LOCKED: however many workers sweep, each period gives one digest per person.
 * Identity's write to `app_user` for the collaboration context's digests.
 */
export async function claimDueDigests(m: EntityManager, now: Date, batch: number): Promise<DueDigest[]> {
  const due: DueDigest[] = await m.query(
    `SELECT id, email, locale, digest, last_digest_at AS since FROM app_user
      WHERE digest IN ('DAILY', 'WEEKLY') AND email IS NOT NULL AND deleted_at IS NULL
        AND (last_digest_at IS NULL
             OR last_digest_at <= $1::timestamptz - CASE digest WHEN 'DAILY' THEN interval '1 day' ELSE interval '7 days' END)
      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [now, batch],
  );
  if (due.length) await m.query(`UPDATE app_user SET last_digest_at = $1 WHERE id = ANY($2::uuid[])`, [now, due.map((u) => u.id)]);
  return due;
}
