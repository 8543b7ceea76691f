/**
 * Exact minimum-cost maximum flow on integer networks: Dinic's algorithm finds the largest
 * flow value F, then Goldberg–Tarjan cost scaling (push–relabel with ε-scaling) finds the
 * cheapest flow of value F. Plain functions over typed arrays, no dependencies.
 *
 * Exactness: costs are multiplied by (n + 1) and the last refinement runs at ε = 1, so
 * the flow is ε-optimal with ε < 1/n in the original costs, which for integer costs
 * means optimal (Goldberg & Tarjan 1990, "Finding minimum-cost circulations by
 * successive approximation").
 */

export class FlowNetwork {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];

  constructor(readonly nodes: number) {}

  /** Adds an arc and returns its id (its flow is read with `flowOn`). */
  addArc(from: number, to: number, capacity: number, cost: number): number {
    this.from.push(from);
    this.to.push(to);
    this.cap.push(capacity);
    this.cost.push(cost);
    return this.from.length - 1;
  }

  get arcs(): number {
    return this.from.length;
  }

  /** Solves and returns the flow on each arc added (by id) and the flow value. */
  minCostMaxFlow(source: number, sink: number): { value: number; flow: Float64Array; cost: number } {
    const g = Residual.build(this.nodes, this.from, this.to, this.cap, this.cost);
    const value = g.maxFlow(source, sink);
    g.resetFlow();
    if (value > 0) g.costScaling(source, sink, value);
    const flow = new Float64Array(this.from.length);
    let total = 0;
    for (let a = 0; a < this.from.length; a++) {
      flow[a] = g.res[2 * a + 1]; // the reverse arc's residual is the forward flow
      total += flow[a] * this.cost[a];
    }
    return { value, flow, cost: total };
  }
}

/** Residual graph: arc 2i is the i-th arc, 2i+1 its reverse. Adjacency in CSR form. */
class Residual {
  private constructor(
    readonly n: number,
    readonly head: Int32Array, // CSR offsets per node into `adj`
    readonly adj: Int32Array, // residual arc ids, grouped by tail
    readonly tail: Int32Array,
    readonly headNode: Int32Array,
    readonly capacity: Float64Array,
    readonly res: Float64Array,
    readonly cost: Float64Array,
  ) {}

  static build(n: number, from: number[], to: number[], cap: number[], cost: number[]): Residual {
    const m = from.length * 2;
    const tail = new Int32Array(m);
    const headNode = new Int32Array(m);
    const capacity = new Float64Array(m);
    const c = new Float64Array(m);
    const degree = new Int32Array(n + 1);
    for (let i = 0; i < from.length; i++) {
      tail[2 * i] = from[i];
      headNode[2 * i] = to[i];
      tail[2 * i + 1] = to[i];
      headNode[2 * i + 1] = from[i];
      capacity[2 * i] = cap[i];
      c[2 * i] = cost[i];
      c[2 * i + 1] = -cost[i];
      degree[from[i] + 1]++;
      degree[to[i] + 1]++;
    }
    for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
    const fill = degree.slice(0, n);
    const adj = new Int32Array(m);
    for (let a = 0; a < m; a++) adj[fill[tail[a]]++] = a;
    const g = new Residual(n, degree, adj, tail, headNode, capacity, new Float64Array(m), c);
    g.resetFlow();
    return g;
  }

  resetFlow(): void {
    this.res.set(this.capacity);
  }

  private push(a: number, amount: number): void {
    this.res[a] -= amount;
    this.res[a ^ 1] += amount;
  }

  /** Dinic: BFS levels, then blocking flows with current-arc pointers (iterative DFS). */
  maxFlow(s: number, t: number): number {
    const { n, head, adj, headNode, res } = this;
    const level = new Int32Array(n);
    const cur = new Int32Array(n);
    const queue = new Int32Array(n);
    const stackArc = new Int32Array(n);
    let total = 0;
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      let qh = 0;
      let qt = 0;
      queue[qt++] = s;
      while (qh < qt) {
        const v = queue[qh++];
        for (let i = head[v]; i < head[v + 1]; i++) {
          const a = adj[i];
          const w = headNode[a];
          if (res[a] > 0 && level[w] < 0) {
            level[w] = level[v] + 1;
            queue[qt++] = w;
          }
        }
      }
      if (level[t] < 0) return total;
      for (let v = 0; v < n; v++) cur[v] = head[v];
      // Repeatedly find an s–t path in the level graph and saturate its bottleneck.
      for (;;) {
        let depth = 0;
        let v = s;
        while (v !== t) {
          let advanced = false;
          while (cur[v] < head[v + 1]) {
            const a = adj[cur[v]];
            const w = headNode[a];
            if (res[a] > 0 && level[w] === level[v] + 1) {
              stackArc[depth++] = a;
              v = w;
              advanced = true;
              break;
            }
            cur[v]++;
          }
          if (!advanced) {
            if (v === s) break;
            level[v] = -1; // dead end: never enter again in this phase
            const back = stackArc[--depth];
            v = this.tail[back];
            cur[v]++;
          }
        }
        if (v !== t) break;
        let bottleneck = Infinity;
        for (let i = 0; i < depth; i++) bottleneck = Math.min(bottleneck, res[stackArc[i]]);
        for (let i = 0; i < depth; i++) this.push(stackArc[i], bottleneck);
        total += bottleneck;
      }
    }
  }

  /** Cost scaling: the cheapest flow of `value` from s to t (value must be feasible). */
  costScaling(s: number, t: number, value: number): void {
    const { n, head, adj, headNode, res, tail } = this;
    const m = res.length;
    const scale = n + 1;
    const c = new Float64Array(m);
    let maxCost = 1;
    for (let a = 0; a < m; a++) {
      c[a] = this.cost[a] * scale;
      maxCost = Math.max(maxCost, Math.abs(c[a]));
    }
    // Prices fall by at most about 3n·ε per refinement; keep every number exact in a double.
    if (4 * n * maxCost * 2 > Number.MAX_SAFE_INTEGER) {
      throw new RangeError('The instance is too large for exact arithmetic (nodes × largest score).');
    }
    const price = new Float64Array(n);
    const excess = new Float64Array(n);
    excess[s] = value;
    excess[t] = -value;
    const cur = new Int32Array(n);
    const queue = new Int32Array(n + 1); // circular FIFO of active nodes
    const inQueue = new Uint8Array(n);
    const ALPHA = 8; // ε shrinks eightfold per refinement (measured: 5–8 are best here)
    let eps = maxCost;
    /** Lowers v's price to the highest that makes a residual arc admissible; false if v has none. */
    const relabel = (v: number): boolean => {
      let best = -Infinity;
      for (let i = head[v]; i < head[v + 1]; i++) {
        const a = adj[i];
        if (res[a] > 0) best = Math.max(best, price[headNode[a]] - c[a]);
      }
      if (best === -Infinity) return false;
      price[v] = best - eps;
      cur[v] = head[v];
      return true;
    };
    /** Moves v's current arc to its first admissible arc; false if there is none. */
    const hasAdmissible = (v: number): boolean => {
      for (; cur[v] < head[v + 1]; cur[v]++) {
        const a = adj[cur[v]];
        if (res[a] > 0 && c[a] + price[v] - price[headNode[a]] < 0) return true;
      }
      return false;
    };
    do {
      eps = Math.max(1, Math.floor(eps / ALPHA));
      // Refine: saturate every residual arc of negative reduced cost, then discharge.
      for (let a = 0; a < m; a++) {
        if (res[a] > 0 && c[a] + price[tail[a]] - price[headNode[a]] < 0) {
          const r = res[a];
          excess[tail[a]] -= r;
          excess[headNode[a]] += r;
          res[a] = 0;
          res[a ^ 1] += r;
        }
      }
      let qh = 0;
      let qt = 0;
      for (let v = 0; v < n; v++) {
        cur[v] = head[v];
        if (excess[v] > 0) {
          queue[qt] = v;
          qt = (qt + 1) % queue.length;
          inQueue[v] = 1;
        }
      }
      while (qh !== qt) {
        const v = queue[qh];
        qh = (qh + 1) % queue.length;
        inQueue[v] = 0;
        while (excess[v] > 0) {
          if (cur[v] === head[v + 1]) {
            if (!relabel(v)) throw new Error('cost scaling: excess at a node without residual arcs (infeasible flow value)');
            continue;
          }
          const a = adj[cur[v]];
          const w = headNode[a];
          if (res[a] > 0 && c[a] + price[v] - price[w] < 0) {
            // Look-ahead: do not push into a node without excess that could only push
            // back; lower its price instead, which may make this arc inadmissible.
            if (excess[w] >= 0 && !hasAdmissible(w) && relabel(w)) continue;
            const d = Math.min(excess[v], res[a]);
            res[a] -= d;
            res[a ^ 1] += d;
            excess[v] -= d;
            excess[w] += d;
            if (excess[w] > 0 && !inQueue[w]) {
              queue[qt] = w;
              qt = (qt + 1) % queue.length;
              inQueue[w] = 1;
            }
            if (res[a] === 0) cur[v]++;
          } else {
            cur[v]++;
          }
        }
      }
    } while (eps > 1);
  }
}
