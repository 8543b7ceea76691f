/**
 * `npm run schema:generate` writes apps/api/schema.graphql; `npm run schema:check` fails
 * when the committed file differs from what the resolvers generate (schema drift).
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { generateSchemaSdl, SCHEMA_FILE } from '../apps/api/src/schema';

async function main(): Promise<void> {
  const sdl = await generateSchemaSdl();
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== sdl) {
      console.error('apps/api/schema.graphql is stale: run `npm run schema:generate` and commit the result.');
      process.exit(1);
    }
    console.log('apps/api/schema.graphql is up to date');
    return;
  }
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}

void main();
