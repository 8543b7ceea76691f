/**
 * `npm run migrate`: creates the database if it does not exist, then applies every
 * pending migration. Safe to run again and from several processes (TypeORM takes a lock).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, startProcess } from '@brobygge/database';

export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

export async function migrate(url: string, log = true): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = new DataSource(dataSourceOptions(url, { migrationsTransactionMode: 'each' }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    if (log) {
      for (const m of applied) console.log(`migrated: ${m.name}`);
      if (applied.length === 0) console.log('database is up to date');
    }
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  // The database itself may not exist yet, so only Redis-free, server-level checks here.
  void startProcess(
    async (config) => {
      await migrate(config.DATABASE_URL);
    },
    { services: false, secrets: false },
  );
}
