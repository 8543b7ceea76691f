import { execFileSync } from 'node:child_process';
import { databaseUrl, uniqueName } from './database';

/** Migrates a template database once per run, through the real migration command. */
export default async function globalSetup(): Promise<void> {
  const template = uniqueName('brobygge_tmpl');
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], {
    cwd: `${__dirname}/../..`,
    env: { ...process.env, DATABASE_URL: databaseUrl(template), NODE_ENV: 'test' },
    stdio: 'pipe',
  });
  process.env.BROBYGGE_TEST_TEMPLATE = template;
}
