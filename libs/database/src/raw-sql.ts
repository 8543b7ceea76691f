import type { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { gauge } from '@brobygge/config';

/**
 * The pg pool under a DataSource, for the few hot queries that skip the ORM's per-query
 * work (the cache version, the matching pre-filter). TypeORM does not expose it in its
 * types; this is the one place that knows where it is.
 */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * `brobygge_db_pool_connections{state}` for /metrics, read from the pool when scraped:
 * its connections (total, idle) and the queries waiting for one (waiting > 0 for long:
 * the pool is too small, or statements too slow).
 */
export function registerPoolMetrics(dataSource: DataSource): void {
  gauge<'state'>({
    name: 'brobygge_db_pool_connections',
    help: 'The PostgreSQL pool: connections open (total) and idle, and queries waiting for a connection.',
    labelNames: ['state'],
    collect() {
      const pool = dataSource.isInitialized ? pgPool(dataSource) : undefined;
      this.set({ state: 'total' }, pool?.totalCount ?? 0);
      this.set({ state: 'idle' }, pool?.idleCount ?? 0);
      this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
    },
  });
}

/**
 * A SELECT list of every selected column of an entity, as `alias.column AS "property"`,
 * derived from the entity's metadata so that a new column is read without anyone
 * remembering to add it. Dates come as text (`::text`), as TypeORM hydrates them; columns
 * marked `select: false` are left out, as the ORM leaves them out.
 */
export function selectColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  return dataSource
    .getMetadata(entity)
    .columns.filter((c) => c.isSelect && !c.isVirtual)
    .map((c) => `${alias}.${c.databaseName}${c.type === 'date' ? '::text' : ''} AS "${c.propertyName}"`)
    .join(', ');
}
