/**
 * `npm run bench [-- SECTION ...]`: prints the performance figures the issues ask for.
 * Sections: catalog, allocation, suggestions, notifications, impact, limits, import, agreement. With none named, all run. Each section makes its own database and
 * drops it afterwards. Figures, not assertions: see bench/README.md.
 *
 *   BENCH_SECONDS   seconds per load measurement (default 10)
 *   BENCH_OFFERS    offers for the catalogue section (default 100000)
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { agreementBench } from './agreement';
import { allocationBench } from './allocation';
import { catalogBench } from './catalog';
import { impactBench } from './impact';
import { importBench } from './import';
import { limitsBench } from './limits';
import { notificationsBench } from './notifications';
import { suggestionsBench } from './suggestions';
import { log } from './support';

const SECTIONS: Record<string, () => Promise<void>> = {
  catalog: () =>
    catalogBench({
      offers: Number(process.env.BENCH_OFFERS ?? 100_000),
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
      connections: Number(process.env.BENCH_CONNECTIONS ?? 16),
    }),
  allocation: () => allocationBench({ requests: 10_000, offers: 3_000, degree: 20, fairnessBonus: 200, repeat: 5 }),
  suggestions: () => suggestionsBench({ offers: Number(process.env.BENCH_OFFERS ?? 100_000), samples: 300 }),
  notifications: () => notificationsBench({ messages: 1000 }),
  limits: () => limitsBench({ samples: 100 }),
  import: () => importBench({ schools: 5_000, largest: 20_000, repeat: 5 }),
  agreement: () => agreementBench({ samples: 200 }),
  impact: () =>
    impactBench({
      offers: Number(process.env.BENCH_OFFERS ?? 100_000),
      completed: 20_000,
      importedSchools: 5_000,
      samples: 200,
      seconds: Number(process.env.BENCH_SECONDS ?? 10),
    }),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in SECTIONS));
  if (unknown.length) {
    console.error(`bench: no section "${unknown[0]}"; the sections are: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  log(`# Brobygge benchmarks — ${new Date().toISOString()}`);
  log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) await SECTIONS[name]();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  },
);
