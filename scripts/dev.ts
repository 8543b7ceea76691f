/**
 * `npm run dev`: the one command for a fresh machine with PostgreSQL and Redis running.
 * Creates and migrates the database, seeds the demo world (idempotent), starts the API
 * and the worker, and prints the URL and the demo logins. Ctrl-C stops both.
 */
import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describeUrl } from '@brobygge/config';
import { postgresUnavailable, preflight, startProcess } from '@brobygge/database';
import { migrate } from './migrate';
import { seedDemo } from './seed/demo';

const ROOT = join(__dirname, '..');

function start(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], { cwd: ROOT, stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`brobygge: the ${name} stopped (${signal ?? 'exit code ' + code}); stopping the rest.`);
      shutdown(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];
function shutdown(code = 0): void {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

void startProcess(
  async (config) => {
    try {
      await migrate(config.DATABASE_URL);
    } catch (e) {
      throw postgresUnavailable(describeUrl(config.DATABASE_URL), (e as Error).message);
    }
    await preflight(config);
    const logins = await seedDemo(config);

    children.push(start('API', 'apps/api/src/main.ts'), start('worker', 'apps/worker/src/main.ts'));
    process.on('SIGINT', () => shutdown(0));
    process.on('SIGTERM', () => shutdown(0));

    const base = `http://localhost:${config.PORT}`;
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`\nBrobygge is up.\n  GraphQL:  ${base}/graphql  (open it in a browser for GraphiQL, or POST JSON)`);
    console.log(`  Health:   ${base}/health/ready`);
    console.log(`  Mail:     ${config.SMTP_URL ? config.SMTP_URL : `.eml files in ${config.MAIL_OUTBOX_DIR}/`}`);
    console.log('\nDemo logins:');
    for (const l of logins) console.log(`  ${l.role.padEnd(48)} ${l.email.padEnd(44)} ${l.password}`);
    console.log('\nCtrl-C stops the API and the worker.\n');
  },
  { services: false },
);
