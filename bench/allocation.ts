/**
 * Issue #5: the allocator on a placement season — 10,000 requests × 3,000 offers with
 * about 20 eligible offers per request, from a deterministic generator — against the
 * obvious greedy on the same instance.
 *
 * Issue #17: the whole process, `npm run -s allocate -- FILE` as a user runs it (and the
 * compiled script alone, without npm's start), against the exact network-simplex reference
 * of ../shared/tools/allocation-ref on the same instances from its generator, in turns
 * (ours, the script alone, the reference, ours, ...), with the optimum compared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allocate, allocateGreedy, AllocationInstance } from '@brobygge/matching';
import { fmt, log, percentile } from './support';

const ROOT = resolve(__dirname, '..');
/** The reference tools (README there); ALLOCATION_REF to point elsewhere. */
const REFERENCE = process.env.ALLOCATION_REF ?? resolve(ROOT, '..', 'shared', 'tools', 'allocation-ref');

/** A small, seeded PRNG (mulberry32), so that every run solves the same instance. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests want 1–4 units, offers hold 1–12 (so demand exceeds supply, as in a real APL
 * season); each request has `degree` distinct eligible offers, skewed towards popular
 * ones; scores 0–1000 with a per-offer quality and per-pair noise.
 */
export function generateInstance(requests: number, offers: number, degree: number, fairnessBonus: number, seed = 2026): AllocationInstance {
  const rnd = prng(seed);
  const quality = Array.from({ length: offers }, () => rnd());
  const inst: AllocationInstance = {
    requests: Array.from({ length: requests }, (_, i) => ({ id: `r${i}`, quantity: 1 + Math.floor(rnd() * 4) })),
    offers: Array.from({ length: offers }, (_, i) => ({ id: `o${i}`, capacity: 1 + Math.floor(rnd() * 12) })),
    edges: [],
    fairnessBonus,
  };
  for (let r = 0; r < requests; r++) {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(degree, offers)) chosen.add(Math.floor(Math.pow(rnd(), 1.5) * offers));
    for (const o of chosen) inst.edges.push({ request: `r${r}`, offer: `o${o}`, score: Math.min(1000, Math.floor(600 * quality[o] + 400 * rnd())) });
  }
  return inst;
}

export async function allocationBench(o: { requests: number; offers: number; degree: number; fairnessBonus: number; repeat: number; runs?: number }): Promise<void> {
  inProcess(o);
  wholeProcess({ requests: o.requests, offers: o.offers, runs: o.runs ?? 7 });
}

function inProcess(o: { requests: number; offers: number; degree: number; fairnessBonus: number; repeat: number }): void {
  log(
    `\n## Allocation: ${o.requests.toLocaleString('en-US')} requests × ${o.offers.toLocaleString('en-US')} offers, ~${o.degree} eligible offers per request, fairness bonus ${o.fairnessBonus}`,
  );
  const inst = generateInstance(o.requests, o.offers, o.degree, o.fairnessBonus);
  const demand = inst.requests.reduce((s, r) => s + r.quantity, 0);
  const supply = inst.offers.reduce((s, x) => s + x.capacity, 0);
  log(
    `instance: ${inst.edges.length.toLocaleString('en-US')} eligible pairs, ${demand.toLocaleString('en-US')} units requested, ${supply.toLocaleString('en-US')} units offered`,
  );
  const times: number[] = [];
  let optimum = allocate(inst);
  for (let i = 0; i < o.repeat; i++) {
    const t0 = performance.now();
    optimum = allocate(inst);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  const greedy = allocateGreedy(inst);
  const greedyMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  log(`| solver | time (ms) | units | total score |`);
  log(
    `| optimal (min-cost max-flow) | ${fmt(times[Math.floor(times.length / 2)], 0)} (median of ${o.repeat}, best ${fmt(times[0], 0)}) | ${optimum.totalQuantity} | ${optimum.totalScore} |`,
  );
  log(`| greedy (highest score first) | ${fmt(greedyMs, 0)} | ${greedy.totalQuantity} | ${greedy.totalScore} |`);
  log(
    `the optimum places ${optimum.totalQuantity - greedy.totalQuantity} more units (${fmt(((optimum.totalQuantity - greedy.totalQuantity) / greedy.totalQuantity) * 100)} %)` +
      ` and scores ${fmt(((optimum.totalScore - greedy.totalScore) / greedy.totalScore) * 100)} % higher; target ≤ 2,000 ms for the solve — ${times[Math.floor(times.length / 2)] <= 2000 ? 'met' : 'NOT met'}`,
  );
}

interface Run {
  wall: number;
  quantity: number;
  score: number;
}

/** Runs a command once; its wall time (ms) and the totals of the solution it printed. */
function timed(command: string, args: string[], totals: (out: { [key: string]: number }) => [number, number]): Run {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  const [quantity, score] = totals(JSON.parse(r.stdout) as { [key: string]: number });
  return { wall, quantity, score };
}

/**
 * The issue-17 comparison at the size of the issue: instances from the reference's own
 * generator (fairness bonus 0 and 200), each command run `runs` times in turns after one
 * warm-up each; wall time of the whole process (start, reading, solving, writing).
 */
function wholeProcess(o: { requests: number; offers: number; runs: number }): void {
  log(`\n## Allocation, whole process: \`npm run -s allocate\` against the reference network simplex`);
  const ours = join(ROOT, 'dist', 'scripts', 'allocate.js');
  if (!existsSync(join(REFERENCE, 'solve-mcf.js'))) {
    log(`skipped: the reference is not at ${REFERENCE} (set ALLOCATION_REF)`);
    return;
  }
  if (!existsSync(ours)) {
    log(`skipped: ${ours} is missing — run npm run build first`);
    return;
  }
  const node = process.execPath;
  log(
    `${o.requests.toLocaleString('en-US')} requests × ${o.offers.toLocaleString('en-US')} offers, ~20 eligible offers per request (node ${REFERENCE}/gen.js --density ${fmt(20 / o.offers, 6)} --seed 1);` +
      ` ${o.runs} runs of each, in turns, after one warm-up; both on ${node} (${process.version}). Wall time of the whole process, ms: median (min).`,
  );
  log(
    `| fairness bonus | pairs | \`npm run -s allocate\` | \`node dist/scripts/allocate.js\` | reference \`node solve-mcf.js\` | ratio npm / reference | ratio script / reference | optimum (units, score) |`,
  );
  log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
  const dir = mkdtempSync(join(tmpdir(), 'allocation-bench-'));
  try {
    for (const bonus of [0, 200]) {
      const refFile = join(dir, `reference-${bonus}.json`);
      const ourFile = join(dir, `instance-${bonus}.json`);
      const gen = spawnSync(
        node,
        [
          join(REFERENCE, 'gen.js'),
          '--requests',
          String(o.requests),
          '--offers',
          String(o.offers),
          '--density',
          String(20 / o.offers),
          '--seed',
          '1',
          '--fairness',
          String(bonus),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 30 },
      );
      if (gen.status !== 0) throw new Error(`gen.js failed: ${gen.stderr}`);
      writeFileSync(refFile, gen.stdout);
      // The reference's format names a request's units "seats"; ours "quantity" (../shared/formats/allocation.md).
      const inst = JSON.parse(gen.stdout) as { requests: Array<{ id: string; seats: number }>; offers: unknown[]; edges: unknown[]; fairnessBonus?: number };
      writeFileSync(
        ourFile,
        JSON.stringify({
          requests: inst.requests.map((r) => ({ id: r.id, quantity: r.seats })),
          offers: inst.offers,
          edges: inst.edges,
          fairnessBonus: inst.fairnessBonus ?? 0,
        }),
      );
      const ourTotals = (s: { [key: string]: number }): [number, number] => [s.totalQuantity, s.totalScore];
      const commands: Array<() => Run> = [
        () => timed('npm', ['run', '-s', 'allocate', '--', ourFile], ourTotals),
        () => timed(node, [ours, ourFile], ourTotals),
        () => timed(node, [join(REFERENCE, 'solve-mcf.js'), '--quiet', refFile], (s) => [s.totalSeats, s.totalScore]),
      ];
      const runs: Run[][] = commands.map(() => []);
      for (let i = 0; i <= o.runs; i++) {
        commands.forEach((run, k) => {
          const r = run();
          if (i > 0) runs[k].push(r); // the first round warms the file cache
        });
      }
      const totals = new Set(runs.flat().map((r) => `${r.quantity}, ${r.score}`));
      const wall = (k: number) => runs[k].map((r) => r.wall);
      const cell = (k: number) => `${fmt(percentile(wall(k), 50), 0)} (${fmt(Math.min(...wall(k)), 0)})`;
      const ratio = (k: number) => {
        const pairs = runs[k].map((r, i) => r.wall / runs[2][i].wall);
        return `${fmt(percentile(pairs, 50), 2)}× (${fmt(Math.min(...pairs), 2)}–${fmt(Math.max(...pairs), 2)})`;
      };
      log(
        `| ${bonus} | ${inst.edges.length.toLocaleString('en-US')} | ${cell(0)} | ${cell(1)} | ${cell(2)} | ${ratio(0)} | ${ratio(1)} | ${totals.size === 1 ? [...totals][0] : `DIFFER: ${[...totals].join(' / ')}`} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log('target (issue 17): npm run -s allocate ≤ 1.5× the reference; ratios are per turn (median, min–max), the fair figure on a shared machine.');
}
