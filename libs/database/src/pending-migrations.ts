import { DataSource } from 'typeorm';

/** The database has migrations still to apply: the message is one line with the command. */
export class DatabaseNotMigratedError extends Error {
  override readonly name = 'DatabaseNotMigratedError';
}

/** From sources, the transpiled script; from dist/ (production, the image), the compiled one. */
const MIGRATE_COMMAND = __filename.endsWith('.ts') ? 'npm run migrate' : 'npm run migrate:prod (node dist/scripts/migrate.js)';

/**
 * Refuses to run against a database that lacks migrations this code knows: the process
 * would otherwise fail later, request by request, with "relation does not exist".
 */
export async function pendingMigrations(dataSource: DataSource, where: string): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [{ exists }]: Array<{ exists: boolean }> = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table]);
  const applied = new Set<string>(exists ? ((await dataSource.query(`SELECT name FROM "${table}"`)) as Array<{ name: string }>).map((r) => r.name) : []);
  const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  if (pending.length === 0) return;
  const shown = pending.length > 3 ? `${pending.slice(0, 3).join(', ')} and ${pending.length - 3} more` : pending.join(', ');
  throw new DatabaseNotMigratedError(`the database at ${where} is not migrated (${pending.length} pending: ${shown}); run: ${MIGRATE_COMMAND}`);
}
