import { Client } from 'pg';
import { AppConfig, ConfigError, describeUrl, loadConfig } from '@brobygge/config';
import { connectRedis, withTimeout } from './redis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { DatabaseNotMigratedError, pendingMigrations } from './pending-migrations';
import { postgresUnavailable, ServiceUnavailableError } from './service-unavailable';

/** Checks that PostgreSQL and Redis answer, failing with one line that says what to do. */
export async function preflight(config: AppConfig): Promise<void> {
  const client = new Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await withTimeout(client.connect(), 4000);
    await client.query('SELECT 1');
  } catch (e) {
    throw postgresUnavailable(describeUrl(config.DATABASE_URL), (e as Error).message);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = await connectRedis(config);
  redis.disconnect();
  // Before Nest starts, so that an unmigrated database is one line, not a logged stack.
  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL, { extra: { max: 1 } }));
  await dataSource.initialize();
  try {
    await pendingMigrations(dataSource, describeUrl(config.DATABASE_URL));
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The start of every entry point: load and validate the configuration, check the services,
 * and turn the failures a person can fix into one line on stderr and exit code 1.
 */
export async function startProcess<T>(main: (config: AppConfig) => Promise<T>, opts: { services?: boolean; secrets?: boolean } = {}): Promise<T> {
  try {
    const config = loadConfig(process.env, { secrets: opts.secrets });
    if (opts.services !== false) await preflight(config);
    return await main(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ServiceUnavailableError || e instanceof DatabaseNotMigratedError) {
      process.stderr.write(`brobygge: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
