/**
 * Exact minimum-cost maximum flow on integer networks: the primal network simplex (block
 * search pivots, strongly feasible spanning trees kept as parent/thread/successor arrays
 * — the design of LEMON's NetworkSimplex, Kovács 2015, "Minimum-cost flow algorithms: an
 * experimental evaluation"). Plain functions over typed arrays, no dependencies.
 *
 * Maximum flow first, then minimum cost, in one run: the network becomes a circulation
 * with a return arc t → s of cost −W. Any flow short of the maximum has an augmenting path
 * of cost at most `pathCostBound`; with W above that bound, the path plus the return arc
 * is a negative cycle, so a minimum-cost circulation carries the maximum flow, and among
 * maximum flows it is the cheapest (the −W·F term is the same for all of them).
 *
 * Exactness: capacities, flows, costs and node potentials are integers held in doubles;
 * a potential is a sum of at most n arc costs, so every number stays below 2^53 when
 * n · max(W, |cost|) does (checked; a RangeError otherwise).
 */

export class FlowNetwork {
  private from = new Int32Array(16);
  private to = new Int32Array(16);
  private cap = new Float64Array(16);
  private cost = new Float64Array(16);
  private m = 0;

  /** `arcs`: how many arcs to make room for (a hint; more may be added). */
  constructor(
    readonly nodes: number,
    arcs = 16,
  ) {
    this.grow(Math.max(16, arcs));
  }

  private grow(size: number): void {
    const copy = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.m));
      return b;
    };
    this.from = copy(this.from, (n) => new Int32Array(n));
    this.to = copy(this.to, (n) => new Int32Array(n));
    this.cap = copy(this.cap, (n) => new Float64Array(n));
    this.cost = copy(this.cost, (n) => new Float64Array(n));
  }

  /** Adds an arc and returns its id (its flow is `flow[id]` of the result). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    if (this.m === this.from.length) this.grow(this.m * 2);
    const a = this.m++;
    this.from[a] = from;
    this.to[a] = to;
    this.cap[a] = capacity;
    this.cost[a] = cost;
    return a;
  }

  get arcs(): number {
    return this.m;
  }

  /**
   * The cheapest among the largest flows from `source` to `sink`: the flow on each arc (by
   * id), the flow value and its cost. `pathCostBound`: an upper bound on the cost of any
   * simple path in a residual network (default (n − 1) × the largest |cost|, always
   * valid; a caller that knows its network may give a smaller one).
   */
  minCostMaxFlow(source: number, sink: number, pathCostBound?: number): { value: number; flow: Float64Array; cost: number } {
    const m = this.m;
    let maxCost = 0;
    let totalCap = 0;
    for (let a = 0; a < m; a++) {
      maxCost = Math.max(maxCost, Math.abs(this.cost[a]));
      if (this.from[a] === source) totalCap += this.cap[a];
    }
    const W = (pathCostBound ?? (this.nodes - 1) * maxCost) + 1;
    if (4 * (this.nodes + 2) * Math.max(W, maxCost) > Number.MAX_SAFE_INTEGER) {
      throw new RangeError('The instance is too large for exact arithmetic (nodes × largest score or bonus).');
    }
    // The circulation: the arcs given, then the return arc (added for the run only).
    this.addArc(sink, source, totalCap, -W);
    let circulation: Float64Array;
    try {
      circulation = networkSimplex(
        this.nodes,
        this.from.subarray(0, m + 1),
        this.to.subarray(0, m + 1),
        this.cap.subarray(0, m + 1),
        this.cost.subarray(0, m + 1),
        source,
      );
    } finally {
      this.m = m;
    }
    const flow = circulation.subarray(0, m);
    let total = 0;
    for (let a = 0; a < m; a++) total += flow[a] * this.cost[a];
    return { value: circulation[m], flow, cost: total };
  }
}

/**
 * A minimum-cost circulation (every node's supply 0) of the n-node network with arcs
 * from[a] → to[a], capacity cap[a] ≥ 0 and integer cost cost[a]; returns the flow per arc.
 * Every arc must have finite capacity (then the problem is bounded).
 */
export function networkSimplex(n: number, from: Int32Array, to: Int32Array, cap: Float64Array, cost: Float64Array, hub = -1): Float64Array {
  const m = from.length;
  const all = m + n; // the real arcs, then one artificial arc per node to the root
  const root = n;
  // Arcs in a mixed order (as LEMON): neighbours in the search come from different nodes,
  // so that a block of the pivot search sees much of the network.
  const src = new Int32Array(all);
  const dst = new Int32Array(all);
  const ucap = new Float64Array(all);
  const c = new Float64Array(all);
  const flow = new Float64Array(all);
  const state = new Int8Array(all); // 1: at its lower bound (0), −1: at its upper bound, 0: in the tree
  const position = new Int32Array(m); // where arc a of the input is stored
  const skip = Math.max(3, Math.floor(m / Math.max(1, n)));
  for (let a = 0, i = 0, j = 0; a < m; a++) {
    position[a] = i;
    src[i] = from[a];
    dst[i] = to[a];
    ucap[i] = cap[a];
    c[i] = cost[a];
    state[i] = 1;
    i += skip;
    if (i >= m) i = ++j;
  }
  // Artificial arcs: node u → the root, cost 0, flow 0, no capacity bound.
  for (let u = 0; u < n; u++) {
    src[m + u] = u;
    dst[m + u] = root;
    ucap[m + u] = Infinity;
  }
  // The first tree, all flows 0: `hub` hangs from the root, then in rounds every node not
  // yet in the tree with an arc into a node that is hangs from it by its cheapest such arc
  // (for the allocation: the sink by the return arc, offers by their arcs to the sink, each
  // request by its best edge), the rest from the root. Every tree arc points towards the
  // root with flow 0, so the tree is strongly feasible, as LEMON's all-artificial start.
  const parent = new Int32Array(n + 1);
  const pred = new Int32Array(n + 1).fill(-1);
  const predUp = new Int8Array(n + 1).fill(1); // 1: pred arc points up, towards the root; −1: down
  const thread = new Int32Array(n + 1);
  const revThread = new Int32Array(n + 1);
  const succNum = new Int32Array(n + 1);
  const lastSucc = new Int32Array(n + 1);
  const pi = new Float64Array(n + 1);
  const dirty = new Int32Array(n + 1);
  const order = new Int32Array(n + 1); // nodes in the order they join the tree: parents first
  let joined = 0;
  parent.fill(root);
  parent[root] = -1;
  if (hub >= 0 && hub < n) {
    const round = new Int32Array(n).fill(-1); // the round in which a node joined
    const best = new Float64Array(n);
    round[hub] = 0;
    order[joined++] = hub;
    for (let r = 1; ; r++) {
      const before = joined;
      for (let i = 0; i < m; i++) {
        const u = src[i];
        const v = dst[i];
        if (ucap[i] <= 0 || u === v || round[v] < 0 || round[v] === r || (round[u] >= 0 && round[u] !== r)) continue;
        if (round[u] === r && c[i] >= best[u]) continue;
        if (round[u] !== r) order[joined++] = u;
        round[u] = r;
        best[u] = c[i];
        pred[u] = i;
        parent[u] = v;
      }
      if (joined === before || joined === n) break;
    }
  }
  for (let u = 0; u < n; u++) {
    if (pred[u] < 0) {
      pred[u] = m + u;
      if (u !== hub) order[joined++] = u;
    }
    state[pred[u]] = 0;
  }
  if (hub >= 0 && hub < n && pred[hub] !== m + hub) throw new Error('network simplex: the hub must hang from the root');
  // Potentials: a tree arc u → parent has reduced cost 0, so pi[u] = pi[parent] − cost.
  for (let i = 0; i < n; i++) {
    const u = order[i];
    pi[u] = pi[parent[u]] - c[pred[u]];
  }
  // The thread (preorder from the root), subtree sizes and each subtree's last node.
  const childStart = new Int32Array(n + 2);
  for (let u = 0; u < n; u++) childStart[parent[u] + 1]++;
  for (let v = 0; v <= n; v++) childStart[v + 1] += childStart[v];
  const children = new Int32Array(n);
  const fill = childStart.slice(0, n + 1);
  for (let u = 0; u < n; u++) children[fill[parent[u]]++] = u;
  const preorder = new Int32Array(n + 1);
  const stack = new Int32Array(n + 1);
  let top = 0;
  let count = 0;
  stack[top++] = root;
  while (top > 0) {
    const v = stack[--top];
    preorder[count++] = v;
    for (let i = childStart[v + 1] - 1; i >= childStart[v]; i--) stack[top++] = children[i];
  }
  for (let i = 0; i <= n; i++) {
    const u = preorder[i];
    const next = preorder[i === n ? 0 : i + 1];
    thread[u] = next;
    revThread[next] = u;
  }
  for (let i = n; i >= 0; i--) {
    const u = preorder[i];
    succNum[u] += 1;
    if (u !== root) succNum[parent[u]] += succNum[u];
    lastSucc[u] = preorder[i + succNum[u] - 1];
  }

  const blockSize = Math.max(10, Math.floor(Math.sqrt(m)));
  let nextArc = 0;
  let inArc = -1;
  let join = -1;
  let uIn = -1;
  let vIn = -1;
  let uOut = -1;
  let delta = 0;

  /** Block search: the most negative reduced cost within the first block holding one. */
  const findEnteringArc = (): boolean => {
    let min = 0;
    let count = blockSize;
    let e = nextArc;
    for (let scanned = 0; scanned < m; scanned++) {
      const r = state[e] * (c[e] + pi[src[e]] - pi[dst[e]]);
      if (r < min) {
        min = r;
        inArc = e;
      }
      if (++e === m) e = 0;
      if (--count === 0) {
        if (min < 0) break;
        count = blockSize;
      }
    }
    nextArc = e;
    return min < 0;
  };

  const findJoinNode = (): void => {
    let u = src[inArc];
    let v = dst[inArc];
    while (u !== v) {
      if (succNum[u] < succNum[v]) u = parent[u];
      else v = parent[v];
    }
    join = u;
  };

  /** The leaving arc: the last bottleneck of the cycle in its direction (strongly feasible trees). */
  const findLeavingArc = (): boolean => {
    let first: number;
    let second: number;
    if (state[inArc] === 1) {
      first = src[inArc];
      second = dst[inArc];
    } else {
      first = dst[inArc];
      second = src[inArc];
    }
    delta = ucap[inArc];
    let result = 0;
    for (let u = first; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predUp[u] === -1 ? ucap[e] - flow[e] : flow[e];
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]) {
      const e = pred[u];
      const d = predUp[u] === 1 ? ucap[e] - flow[e] : flow[e];
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    return result !== 0;
  };

  const changeFlow = (change: boolean): void => {
    if (delta > 0) {
      const val = state[inArc] * delta;
      flow[inArc] += val;
      for (let u = src[inArc]; u !== join; u = parent[u]) flow[pred[u]] -= predUp[u] * val;
      for (let u = dst[inArc]; u !== join; u = parent[u]) flow[pred[u]] += predUp[u] * val;
    }
    if (change) {
      state[inArc] = 0;
      state[pred[uOut]] = flow[pred[uOut]] === 0 ? 1 : -1;
    } else {
      state[inArc] = -state[inArc];
    }
  };

  const updateTreeStructure = (): void => {
    const oldRevThread = revThread[uOut];
    const oldSuccNum = succNum[uOut];
    const oldLastSucc = lastSucc[uOut];
    const vOut = parent[uOut];
    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predUp[uIn] = uIn === src[inArc] ? 1 : -1;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc];
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn];
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      // When oldRevThread is vIn, join and vOut coincide.
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
      // Re-hang the stem (the nodes from uIn up to uOut) under vIn, fixing the thread.
      let stem = uIn;
      let parStem = vIn;
      let last = lastSucc[uIn];
      let after = thread[last];
      thread[vIn] = uIn;
      let dirtyCount = 0;
      dirty[dirtyCount++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        dirty[dirtyCount++] = last;
        const before = revThread[stem];
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parStem;
        parStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
        after = thread[last];
      }
      parent[uOut] = parStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (let i = 0; i < dirtyCount; i++) {
        const u = dirty[i];
        revThread[thread[u]] = u;
      }
      // pred, its direction, lastSucc and succNum along the stem, from uOut down to uIn.
      let sc = 0;
      const ls = lastSucc[uOut];
      for (let u = uOut, p = parent[u]; u !== uIn; u = p, p = parent[u]) {
        pred[u] = pred[p];
        predUp[u] = -predUp[p];
        sc += succNum[u] - succNum[p];
        succNum[u] = sc;
        lastSucc[p] = ls;
      }
      pred[uIn] = inArc;
      predUp[uIn] = uIn === src[inArc] ? 1 : -1;
      succNum[uIn] = oldSuccNum;
    }
    // lastSucc from vIn towards the root, then from vOut.
    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut];
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]) succNum[u] += oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]) succNum[u] -= oldSuccNum;
  };

  /** The potentials of uIn's subtree shift so that the entering arc's reduced cost is 0. */
  const updatePotential = (): void => {
    const sigma = pi[vIn] - pi[uIn] - predUp[uIn] * c[inArc];
    const end = thread[lastSucc[uIn]];
    for (let u = uIn; u !== end; u = thread[u]) pi[u] += sigma;
  };

  while (findEnteringArc()) {
    findJoinNode();
    const change = findLeavingArc();
    if (delta === Infinity) throw new Error('network simplex: an unbounded cycle (an arc without capacity?)');
    changeFlow(change);
    if (change) {
      updateTreeStructure();
      updatePotential();
    }
  }
  for (let e = m; e < all; e++) if (flow[e] !== 0) throw new Error('network simplex: an artificial arc carries flow (infeasible; a bug)');
  const result = new Float64Array(m);
  for (let a = 0; a < m; a++) result[a] = flow[position[a]];
  return result;
}
