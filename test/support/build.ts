/** A private build of the tree, for tests of the compiled entry points (what `npm run build` writes to dist/). */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

export interface Build {
  /** Where the build is: `<dir>/apps/api/src/main.js`, `<dir>/scripts/allocate.js`... */
  dir: string;
  remove(): void;
}

/**
 * `npm run build` into var/test-dist/<unique>/ instead of dist/ (so tests running side by
 * side, and a developer's dist/, do not meet); inside the repository, so that node_modules
 * resolves as from dist/. About 2 s.
 */
export function buildPrivately(): Build {
  const dir = join(ROOT, 'var', 'test-dist', `${process.pid}-${Date.now().toString(36)}`);
  const run = spawnSync('npm', ['run', '-s', 'build', '--', '-d', dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`npm run build failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
