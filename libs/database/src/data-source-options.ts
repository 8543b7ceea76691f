import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The repository root, whether we run from sources (ts) or from dist (js). */
const root = join(__dirname, '..', '..', '..');
const ext = __filename.endsWith('.ts') ? 'ts' : 'js';

/**
 * The one set of DataSource options, shared by the app, the worker, the migration CLI
 * and the tests. Entities live in their contexts (`libs/<context>/src/**\/*.entity.ts`).
 * Never `synchronize`: the schema changes only through migrations.
 */
/** Server-side limits of every connection of a long-running process (API, worker). */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  /** How long a caller waits for a pooled connection (pg-pool's connectionTimeoutMillis). */
  acquireMs: number;
  poolSize: number;
}

/** The timeouts of the configuration, for the pg pool. */
export function timeoutsOf(config: {
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_LOCK_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DB_POOL_ACQUIRE_TIMEOUT_MS: number;
  DB_POOL_SIZE: number;
}): DatabaseTimeouts {
  return {
    statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    acquireMs: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
    poolSize: config.DB_POOL_SIZE,
  };
}

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}, timeouts?: DatabaseTimeouts): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(root, `libs/*/src/**/*.entity.${ext}`)],
    migrations: [join(root, `libs/database/src/migrations/*.${ext}`)],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: timeouts?.poolSize ?? 20,
      application_name: 'brobygge',
      ...(timeouts && {
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
        connectionTimeoutMillis: timeouts.acquireMs,
      }),
    },
    ...extra,
  } as DataSourceOptions;
}
