/**
 * Issue #5: the allocator on a placement season — 10,000 requests × 3,000 offers with
 * about 20 eligible offers per request, from a deterministic generator — against the
 * obvious greedy on the same instance.
 */
import { allocate, allocateGreedy, AllocationInstance } from '@brobygge/matching';
import { fmt, log } from './support';

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

export async function allocationBench(o: { requests: number; offers: number; degree: number; fairnessBonus: number; repeat: number }): Promise<void> {
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
