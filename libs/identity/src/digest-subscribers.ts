import type { EntityManager } from 'typeorm';
import { DueDigest, identityQueries } from './identity.queries';

export type { DueDigest } from './identity.queries';

/**
 * Claims up to `batch` people whose digest is due at `now` by moving their `last_digest_at`
 * to `now`, in the caller's transaction (so the claim and the digest's outbox row commit
 * together). SKIP LOCKED: however many workers sweep, each period gives one digest per person.
 * Identity's write to `app_user` for the collaboration context's digests.
 */
export async function claimDueDigests(m: EntityManager, now: Date, batch: number): Promise<DueDigest[]> {
  const due = await identityQueries.lockDueDigests(m, now, batch);
  if (due.length) {
    const ids = due.map((u) => u.id);
    await identityQueries.setLastDigestAt(m, now, ids);
  }
  return due;
}
