import type { DataSource, Logger } from 'typeorm';
import { pgPool } from '@brobygge/database';

/**
 * Runs `work` and counts the SQL statements the process sends meanwhile: those through
 * the ORM (its logger sees them) and those sent on the pg pool directly (the cache
 * version, the matching pre-filter), which bypass the ORM.
 */
export async function countQueries<T>(ds: DataSource, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const original = ds.logger;
  const none = () => undefined;
  ds.logger = { logQuery: () => void queries++, logQueryError: none, logQuerySlow: none, logSchemaBuild: none, logMigration: none, log: none } as Logger;
  const pool = pgPool(ds) as unknown as { query: (...a: unknown[]) => unknown };
  const poolQuery = pool.query;
  pool.query = (...a: unknown[]) => {
    queries++;
    return poolQuery.apply(pool, a);
  };
  try {
    return { result: await work(), queries };
  } finally {
    ds.logger = original;
    pool.query = poolQuery;
  }
}

/** A calendar date `n` days from today (UTC), as the API takes dates. */
export const inDays = (n: number): string => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
