/**
 * The database layer's public surface: the DataSource options and Nest module, transactions,
 * Redis, the start-up preflight, the cache version, keyset pages, row caps, and the pg pool
 * and entity-derived column lists for hand-written SQL.
 */
export { dataSourceOptions } from './data-source-options';
export { DatabaseModule } from './database.module';
export { allowLongStatements, inTransaction } from './transaction';
export { postgresUnavailable } from './service-unavailable';
export { redisOptions, RedisClient, RedisModule, withTimeout } from './redis';
export { preflight, startProcess } from './preflight';
export { CacheVersion } from './cache-version';
export { newestFirstPage } from './pages';
export { assertUnderRowCap } from './row-caps';
export { pgPool, registerPoolMetrics, selectColumns } from './raw-sql';
