import fc from 'fast-check';
import { allocate, allocateGreedy, AllocationInstance, fairnessBonus, InstanceError, parseInstance, scoreOf } from './allocate';

/** Every feasible integer solution, searched depth-first: the lexicographic optimum (units, then score). */
function bruteForce(inst: AllocationInstance): { totalQuantity: number; totalScore: number } {
  const left = new Map(inst.requests.map((r) => [r.id, r.quantity]));
  const room = new Map(inst.offers.map((o) => [o.id, o.capacity]));
  const x = new Array<number>(inst.edges.length).fill(0);
  let best = { totalQuantity: -1, totalScore: -1 };
  const visit = (i: number) => {
    if (i === inst.edges.length) {
      const assignments = inst.edges.map((e, j) => ({ request: e.request, offer: e.offer, quantity: x[j] })).filter((a) => a.quantity > 0);
      const totalQuantity = x.reduce((s, v) => s + v, 0);
      const totalScore = scoreOf(inst, assignments);
      if (totalQuantity > best.totalQuantity || (totalQuantity === best.totalQuantity && totalScore > best.totalScore)) best = { totalQuantity, totalScore };
      return;
    }
    const e = inst.edges[i];
    const max = Math.min(left.get(e.request)!, room.get(e.offer)!);
    for (let v = 0; v <= max; v++) {
      x[i] = v;
      left.set(e.request, left.get(e.request)! - v);
      room.set(e.offer, room.get(e.offer)! - v);
      visit(i + 1);
      left.set(e.request, left.get(e.request)! + v);
      room.set(e.offer, room.get(e.offer)! + v);
    }
    x[i] = 0;
  };
  visit(0);
  return best;
}

/**
 * An independent exact solver for mid-sized instances: successive shortest paths with
 * Bellman–Ford, one unit at a time, on a network built here from the format's definition
 * (each unit of a request as its own source arc). Slow and simple on purpose.
 */
function unitShortestPaths(inst: AllocationInstance): { totalQuantity: number; totalScore: number } {
  type Arc = { to: number; cap: number; cost: number; rev: number };
  const R = inst.requests.length;
  const n = 2 + R + inst.offers.length;
  const g: Arc[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, cap: number, cost: number) => {
    g[u].push({ to: v, cap, cost, rev: g[v].length });
    g[v].push({ to: u, cap: 0, cost: -cost, rev: g[u].length - 1 });
  };
  const B = inst.fairnessBonus ?? 0;
  const rIdx = new Map(inst.requests.map((r, i) => [r.id, 2 + i]));
  const oIdx = new Map(inst.offers.map((o, i) => [o.id, 2 + R + i]));
  inst.requests.forEach((r) => {
    for (let k = 1; k <= r.quantity; k++) add(0, rIdx.get(r.id)!, 1, -Math.floor(B / k));
  });
  inst.edges.forEach((e) => add(rIdx.get(e.request)!, oIdx.get(e.offer)!, 1000, -e.score));
  inst.offers.forEach((o) => add(oIdx.get(o.id)!, 1, o.capacity, 0));
  let units = 0;
  let cost = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const prev: Array<[number, number] | null> = new Array(n).fill(null);
    dist[0] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Infinity) continue;
        g[u].forEach((a, i) => {
          if (a.cap > 0 && dist[u] + a.cost < dist[a.to]) {
            dist[a.to] = dist[u] + a.cost;
            prev[a.to] = [u, i];
            changed = true;
          }
        });
      }
      if (!changed) break;
    }
    if (dist[1] === Infinity) break;
    for (let v = 1; v !== 0;) {
      const [u, i] = prev[v]!;
      g[u][i].cap -= 1;
      g[v][g[u][i].rev].cap += 1;
      v = u;
    }
    units += 1;
    cost += dist[1];
  }
  return { totalQuantity: units, totalScore: 0 - cost };
}

const instance = (maxR: number, maxO: number, maxUnits: number, maxBonus: number) =>
  fc
    .record({
      quantities: fc.array(fc.integer({ min: 1, max: maxUnits }), { minLength: 1, maxLength: maxR }),
      capacities: fc.array(fc.integer({ min: 1, max: maxUnits }), { minLength: 1, maxLength: maxO }),
      density: fc.double({ min: 0.2, max: 1, noNaN: true }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 64, maxLength: 64 }),
      fairnessBonus: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: maxBonus })),
    })
    .map(({ quantities, capacities, density, seed, fairnessBonus }): AllocationInstance => {
      const edges: AllocationInstance['edges'] = [];
      let k = 0;
      quantities.forEach((_, r) =>
        capacities.forEach((_, o) => {
          const s = seed[k++ % seed.length];
          if ((s * 7919 + r * 31 + o) % 1000 < density * 1000) edges.push({ request: `r${r}`, offer: `o${o}`, score: (s * 37 + r * 101 + o * 13) % 1001 });
        }),
      );
      return {
        requests: quantities.map((quantity, i) => ({ id: `r${i}`, quantity })),
        offers: capacities.map((capacity, i) => ({ id: `o${i}`, capacity })),
        edges,
        fairnessBonus,
      };
    });

function feasible(inst: AllocationInstance, sol: ReturnType<typeof allocate>): void {
  const perRequest = new Map<string, number>();
  const perOffer = new Map<string, number>();
  const edges = new Set(inst.edges.map((e) => `${e.request}\0${e.offer}`));
  for (const a of sol.assignments) {
    expect(Number.isInteger(a.quantity) && a.quantity > 0).toBe(true);
    expect(edges.has(`${a.request}\0${a.offer}`)).toBe(true);
    perRequest.set(a.request, (perRequest.get(a.request) ?? 0) + a.quantity);
    perOffer.set(a.offer, (perOffer.get(a.offer) ?? 0) + a.quantity);
  }
  for (const r of inst.requests) expect(perRequest.get(r.id) ?? 0).toBeLessThanOrEqual(r.quantity);
  for (const o of inst.offers) expect(perOffer.get(o.id) ?? 0).toBeLessThanOrEqual(o.capacity);
  expect(sol.totalQuantity).toBe([...perRequest.values()].reduce((s, v) => s + v, 0));
  expect(sol.totalScore).toBe(scoreOf(inst, sol.assignments));
}

describe('allocate', () => {
  it('solves the example of the format', () => {
    const sol = allocate({
      requests: [{ id: 'r1', quantity: 3 }],
      offers: [{ id: 'o1', capacity: 2 }],
      edges: [{ request: 'r1', offer: 'o1', score: 870 }],
      fairnessBonus: 0,
    });
    expect(sol).toEqual({ assignments: [{ request: 'r1', offer: 'o1', quantity: 2 }], totalQuantity: 2, totalScore: 1740 });
  });

  it('prefers more units over a higher score, and spreads units when the fairness bonus asks for it', () => {
    // One unit at 1000 versus two units at 10 each: two units win.
    const inst = {
      requests: [
        { id: 'a', quantity: 1 },
        { id: 'b', quantity: 1 },
      ],
      offers: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      edges: [
        { request: 'a', offer: 'x', score: 1000 },
        { request: 'a', offer: 'y', score: 10 },
        { request: 'b', offer: 'x', score: 10 },
      ],
    };
    expect(allocate(inst)).toMatchObject({ totalQuantity: 2, totalScore: 20 });
    // Capacity 2 for one school that scores higher, or 1 + 1: with B = 500 the second unit earns 250 < 500.
    const spread = {
      requests: [
        { id: 'a', quantity: 2 },
        { id: 'b', quantity: 1 },
      ],
      offers: [{ id: 'x', capacity: 2 }],
      edges: [
        { request: 'a', offer: 'x', score: 900 },
        { request: 'b', offer: 'x', score: 700 },
      ],
    };
    expect(allocate(spread).assignments).toEqual([{ request: 'a', offer: 'x', quantity: 2 }]);
    expect(allocate({ ...spread, fairnessBonus: 500 }).assignments).toEqual([
      { request: 'a', offer: 'x', quantity: 1 },
      { request: 'b', offer: 'x', quantity: 1 },
    ]);
  });

  it('computes the fairness bonus as the sum of floor(B / k)', () => {
    expect(fairnessBonus(0, 5)).toBe(0);
    expect(fairnessBonus(10, 4)).toBe(10 + 5 + 3 + 2);
    expect(fairnessBonus(3, 10)).toBe(3 + 1 + 1);
  });

  it('never exceeds a capacity or a quantity, and equals the brute-force optimum on small instances', () => {
    fc.assert(
      fc.property(instance(3, 3, 3, 2000), (inst) => {
        const sol = allocate(inst);
        feasible(inst, sol);
        expect({ totalQuantity: sol.totalQuantity, totalScore: sol.totalScore }).toEqual(bruteForce(inst));
      }),
      { numRuns: 300 },
    );
  });

  it('equals an independent unit-by-unit shortest-path optimum on mid-sized instances', () => {
    fc.assert(
      fc.property(instance(12, 8, 6, 3000), (inst) => {
        const sol = allocate(inst);
        feasible(inst, sol);
        expect({ totalQuantity: sol.totalQuantity, totalScore: sol.totalScore }).toEqual(unitShortestPaths(inst));
      }),
      { numRuns: 100 },
    );
  });

  it('is never worse than the greedy baseline', () => {
    fc.assert(
      fc.property(instance(10, 10, 5, 1000), (inst) => {
        const opt = allocate(inst);
        const greedy = allocateGreedy(inst);
        feasible(inst, greedy);
        expect(opt.totalQuantity > greedy.totalQuantity || (opt.totalQuantity === greedy.totalQuantity && opt.totalScore >= greedy.totalScore)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseInstance', () => {
  const ok = { requests: [{ id: 'r1', quantity: 3 }], offers: [{ id: 'o1', capacity: 2 }], edges: [{ request: 'r1', offer: 'o1', score: 870 }] };
  const bad = (v: unknown) => {
    try {
      parseInstance(v);
    } catch (e) {
      expect(e).toBeInstanceOf(InstanceError);
      return (e as Error).message;
    }
    throw new Error('accepted a malformed instance');
  };

  it('accepts the format, with the fairness bonus 0 by default', () => {
    expect(parseInstance(ok)).toEqual({ ...ok, fairnessBonus: 0 });
  });

  it('names the offending item of a malformed instance', () => {
    expect(bad([])).toBe('The instance must be an object.');
    expect(bad({ requests: ok.requests, offers: ok.offers })).toBe('The instance has no "edges" list.');
    expect(bad({ ...ok, edges: {} })).toBe('"edges" must be a list.');
    expect(
      bad({
        ...ok,
        requests: [
          { id: 'r1', quantity: 3 },
          { id: 'r1', quantity: 1 },
        ],
      }),
    ).toBe('Duplicate request id "r1".');
    expect(
      bad({
        ...ok,
        offers: [
          { id: 'o1', capacity: 2 },
          { id: 'o1', capacity: 1 },
        ],
      }),
    ).toBe('Duplicate offer id "o1".');
    expect(bad({ ...ok, edges: [{ request: 'r9', offer: 'o1', score: 1 }] })).toBe('edge r9 → o1 (edges[0]) names an unknown request "r9".');
    expect(bad({ ...ok, edges: [{ request: 'r1', offer: 'o7', score: 1 }] })).toBe('edge r1 → o7 (edges[0]) names an unknown offer "o7".');
    expect(bad({ ...ok, edges: [...ok.edges, { request: 'r1', offer: 'o1', score: 3 }] })).toBe('Duplicate edge r1 → o1 (edges[1]): at most one edge per pair.');
    expect(bad({ ...ok, requests: [{ id: 'r1', quantity: -1 }] })).toBe('request "r1": "quantity" must be between 1 and 9007199254740991, not -1.');
    expect(bad({ ...ok, offers: [{ id: 'o1', capacity: 1.5 }] })).toBe('offer "o1": "capacity" must be an integer, not 1.5.');
    expect(bad({ ...ok, edges: [{ request: 'r1', offer: 'o1', score: 1001 }] })).toBe('edge r1 → o1: "score" must be between 0 and 1000, not 1001.');
    expect(bad({ ...ok, edges: [{ request: 'r1', offer: 'o1' }] })).toBe('edge r1 → o1 has no "score".');
    expect(bad({ ...ok, requests: [{ quantity: 1 }] })).toBe('requests[0] has no "id".');
    expect(bad({ ...ok, fairnessBonus: -2 })).toBe('The instance: "fairnessBonus" must be between 0 and 1000000, not -2.');
    expect(bad({ ...ok, fairnessBonus: '5' })).toBe('The instance: "fairnessBonus" must be an integer, not "5".');
  });
});
