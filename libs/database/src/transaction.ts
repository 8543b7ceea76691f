import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in one transaction. A state change, its history and its outbox rows go
 * through the same EntityManager; callers that already hold one pass it down instead of
 * opening a nested transaction.
 */
export function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE' = 'READ COMMITTED',
): Promise<T> {
  return dataSource.transaction(isolation, work);
}

/** Lifts the statement timeout for one transaction (the impact report's snapshot). */
export async function allowLongStatements(manager: EntityManager, ms: number): Promise<void> {
  await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [`${Math.round(ms)}ms`]);
}
