import fc from 'fast-check';
import { allocate, allocateBytes, allocateGreedy, allocateInput, AllocationInstance, fairnessBonus, InstanceError, parseInstance, scoreOf } from './allocate';
import { compileJsonBytes } from './allocation-json';
import { FlowNetwork } from './flow';

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

describe('allocateBytes (the CLI reading the instance from its bytes)', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  /** The general path: JSON.parse, the format's checks, the solver. */
  const general = (text: string) => allocateInput(JSON.parse(text));

  /** The same instance written in other ways JSON allows: spaces, key order, extra fields. */
  const writings = (inst: AllocationInstance): string[] => {
    const reordered = {
      extra: { nested: [1, -2.5e3, 'x\\"y', null, true, false, {}] },
      edges: inst.edges.map((e) => ({ score: e.score, note: 'é', offer: e.offer, request: e.request })),
      offers: inst.offers.map((o) => ({ capacity: o.capacity, id: o.id, tags: [] })),
      requests: inst.requests.map((r) => ({ quantity: r.quantity, id: r.id })),
      ...(inst.fairnessBonus ? { fairnessBonus: inst.fairnessBonus } : {}),
    };
    return [JSON.stringify(inst), JSON.stringify(inst, null, 2), JSON.stringify(reordered), ` \n${JSON.stringify(reordered, null, '\t')}\r\n`];
  };

  it('answers exactly what JSON.parse and allocateInput answer, however the instance is written', () => {
    fc.assert(
      fc.property(instance(8, 6, 5, 500), (inst) => {
        const expected = allocate(inst);
        for (const text of writings(inst)) {
          expect(compileJsonBytes(bytes(text))).toBeDefined();
          expect(allocateBytes(bytes(text))).toEqual(expected);
          expect(general(text)).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives up on anything but the plain case, which the general path then reads or refuses', () => {
    const ok = '{"requests":[{"id":"r1","quantity":3}],"offers":[{"id":"o1","capacity":2}],"edges":[{"request":"r1","offer":"o1","score":870}]}';
    expect(allocateBytes(bytes(ok))).toEqual({ assignments: [{ request: 'r1', offer: 'o1', quantity: 2 }], totalQuantity: 2, totalScore: 1740 });
    // Valid instances the general path accepts: escapes, non-ASCII ids, 3.0 and 2e0 as integers, a key twice (the last wins).
    const accepted = [
      ok.replace(/"r1"/g, '"r\\u0031"'),
      ok.replace(/"o1"/g, '"ö1"'),
      ok.replace('"quantity":3', '"quantity":3.0').replace('"capacity":2', '"capacity":2e0'),
      ok.replace('"score":870', '"score":1,"score":870'),
    ];
    for (const text of accepted) {
      expect(compileJsonBytes(bytes(text))).toBeUndefined();
      expect(general(text).totalScore).toBe(1740);
    }
    // Mistakes, and what is not JSON: never an answer from the fast path.
    const refused = [
      ok.replace('"o1","score"', '"o9","score"'),
      ok.replace('"score":870', '"score":1001'),
      ok.replace('"quantity":3', '"quantity":0'),
      ok.replace('"quantity":3', '"quantity":-3'),
      ok.replace('"quantity":3', '"quantity":"3"'),
      ok.replace('"edges":[', '"edges":[{"request":"r1","offer":"o1","score":5},'),
      ok.replace('[{"id":"r1","quantity":3}]', '[{"id":"r1","quantity":3},{"id":"r1","quantity":1}]'),
      ok.replace(',"edges"', ',"edgez"'),
      ok.replace('"score":870', '"score":0870'),
      ok.replace('870}]', '870},]'),
      ok + 'x',
      '\uFEFF' + ok,
      ok.slice(0, -1),
      '',
      '[]',
    ];
    for (const text of refused) {
      expect(compileJsonBytes(bytes(text))).toBeUndefined();
      expect(() => general(text)).toThrow();
    }
  });

  it('reads the edges before the requests and offers too', () => {
    const text = '{"edges":[{"request":"a","offer":"x","score":9}],"fairnessBonus":4,"offers":[{"id":"x","capacity":5}],"requests":[{"id":"a","quantity":2}]}';
    expect(allocateBytes(bytes(text))).toEqual({ assignments: [{ request: 'a', offer: 'x', quantity: 2 }], totalQuantity: 2, totalScore: 18 + 4 + 2 });
  });
});

describe('FlowNetwork (network simplex) on networks of any shape', () => {
  /** Successive shortest paths with Bellman–Ford, one unit at a time: slow, simple, exact. */
  function reference(n: number, arcs: Array<[number, number, number, number]>, s: number, t: number): { value: number; cost: number } {
    const res = arcs.flatMap(([u, v, cap, cost]) => [
      { u, v, cap, cost },
      { u: v, v: u, cap: 0, cost: -cost },
    ]);
    let value = 0;
    let total = 0;
    for (;;) {
      const dist = new Array<number>(n).fill(Infinity);
      const via = new Array<number>(n).fill(-1);
      dist[s] = 0;
      for (let round = 0; round < n; round++) {
        res.forEach((a, i) => {
          if (a.cap > 0 && dist[a.u] + a.cost < dist[a.v]) {
            dist[a.v] = dist[a.u] + a.cost;
            via[a.v] = i;
          }
        });
      }
      if (dist[t] === Infinity) return { value, cost: total };
      for (let v = t; v !== s; v = res[via[v]].u) {
        res[via[v]].cap -= 1;
        res[via[v] ^ 1].cap += 1;
      }
      value += 1;
      total += dist[t];
    }
  }

  it('finds the cheapest maximum flow of random networks without negative cycles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 50 })), { maxLength: 20 }),
        (n, raw) => {
          // Arcs only from lower to higher node numbers: no cycles, so no negative cycles either.
          const arcs = raw.filter(([u, v]) => u < n && v < n && u < v).map(([u, v, cap, cost]): [number, number, number, number] => [u, v, cap, cost - 25]);
          const net = new FlowNetwork(n);
          for (const [u, v, cap, cost] of arcs) net.addArc(u, v, cap, cost);
          const got = net.minCostMaxFlow(0, n - 1);
          expect({ value: got.value, cost: got.cost }).toEqual(reference(n, arcs, 0, n - 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});
