/**
 * `npm run seed`: the demo world (idempotent), and prints the logins.
 * `npm run seed -- --scale N`: adds N synthetic published offers and N/2 open requests
 * (scripts/seed/scale.ts) for benchmarks.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, startProcess } from '@brobygge/database';
import { seedDemo } from './seed/demo';
import { seedScale } from './seed/scale';

function scaleArgument(argv: string[]): number | null {
  const i = argv.indexOf('--scale');
  if (i < 0) return null;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 5_000_000) {
    console.error('seed: --scale needs a whole number of offers between 1 and 5000000, e.g. --scale 100000');
    process.exit(2);
  }
  return n;
}

const scale = scaleArgument(process.argv.slice(2));

void startProcess(
  async (config) => {
    if (scale === null) {
      const logins = await seedDemo(config);
      for (const l of logins) console.log(`${l.role.padEnd(48)} ${l.email.padEnd(44)} ${l.password}`);
      return;
    }
    const ds = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
    try {
      const r = await seedScale(ds, scale, (line) => console.log(line));
      console.log(`seeded ${r.offers} offers and ${r.requests} requests (${r.partners} partners, ${r.schools} schools) in ${(r.ms / 1000).toFixed(1)} s`);
    } finally {
      await ds.destroy();
    }
  },
  { services: true },
);
