import type { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The pg pool under a DataSource, for the few hot queries that skip the ORM's per-query
 * work (the cache version, the matching pre-filter). TypeORM does not expose it in its
 * types; this is the one place that knows where it is.
 */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
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
