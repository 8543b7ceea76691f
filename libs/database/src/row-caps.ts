import { RateLimitedError } from '@brobygge/core';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A cap counted from the rows themselves (no Redis): at most `limit` rows of `table` with
 * `column = id` created in the last `windowSeconds`. Past it: RATE_LIMITED, with the seconds
 * until the oldest of them leaves the window. `table` and `column` are code constants.
 */
export async function assertUnderRowCap(
  db: DataSource | EntityManager,
  cap: { table: string; column: string; id: string; limit: number; windowSeconds: number; extra?: string },
): Promise<void> {
  const rows: Array<{ n: number; retry: number | null }> = await db.query(
    `SELECT count(*)::int AS n,
            ceil(extract(epoch FROM min(created_at) + make_interval(secs => $3) - now()))::int AS retry
       FROM (SELECT created_at FROM ${cap.table}
              WHERE ${cap.column} = $1 AND created_at > now() - make_interval(secs => $3) ${cap.extra ?? ''}
              ORDER BY created_at DESC LIMIT $2) recent`,
    [cap.id, cap.limit, cap.windowSeconds],
  );
  if (rows[0].n >= cap.limit) throw new RateLimitedError(Math.max(1, rows[0].retry ?? cap.windowSeconds));
}
