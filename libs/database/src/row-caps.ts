import { RateLimitedError } from '@brobygge/core';
import type { EntityManager } from 'typeorm';

export interface RowCap {
  /** Table and columns are code constants, never input. */
  table: string;
  column: string;
  id: string;
  /** Further equalities on the counted rows (column → value, bound as parameters). */
  also?: Record<string, string>;
  limit: number;
  windowSeconds: number;
}

/**
 * A cap counted from the rows themselves (no Redis): at most `limit` rows of `table` with
 * `column = id` created in the last `windowSeconds`. Call it in the transaction that then
 * inserts the row: a transaction-scoped advisory lock on (table, id) makes concurrent
 * callers count one after the other. Past the cap: RATE_LIMITED, with the seconds until
 * the oldest counted row leaves the window.
 */
export async function assertUnderRowCap(m: EntityManager, cap: RowCap): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`row-cap:${cap.table}:${cap.id}`]);
  const also = Object.entries(cap.also ?? {});
  const rows: Array<{ n: number; retry: number | null }> = await m.query(
    `SELECT count(*)::int AS n,
            ceil(extract(epoch FROM min(created_at) + make_interval(secs => $3) - now()))::int AS retry
       FROM (SELECT created_at FROM ${cap.table}
              WHERE ${cap.column} = $1 AND created_at > now() - make_interval(secs => $3)
                    ${also.map(([column], i) => `AND ${column} = $${i + 4}`).join(' ')}
              ORDER BY created_at DESC LIMIT $2) recent`,
    [cap.id, cap.limit, cap.windowSeconds, ...also.map(([, value]) => value)],
  );
  if (rows[0].n >= cap.limit) throw new RateLimitedError(Math.max(1, rows[0].retry ?? cap.windowSeconds));
}
