/**
 * The batch allocator of ../shared/formats/allocation.md: integers x(r,o) on the eligible
 * pairs, within quantities and capacities, lexicographically best — first the most units,
 * then the highest total score including the fairness bonus (the k-th unit of a request
 * earns floor(B / k)).
 *
 * As a network: source → request (the bonus as arcs of falling value, so the k-th unit
 * uses the k-th best), request → offer (capacity min(quantity, capacity), value = score),
 * offer → sink (capacity). The most units is the maximum flow, and the best score among
 * maximum flows is the minimum-cost maximum flow with cost = −value: exact, see flow.ts.
 */
import { CompiledInstance, compileJsonBytes } from './allocation-json';

export type { CompiledInstance } from './allocation-json';
import { FlowNetwork } from './flow';

export interface AllocationInstance {
  requests: Array<{ id: string; quantity: number }>;
  offers: Array<{ id: string; capacity: number }>;
  edges: Array<{ request: string; offer: string; score: number }>;
  fairnessBonus?: number;
}

export interface Assignment {
  request: string;
  offer: string;
  quantity: number;
}

export interface AllocationSolution {
  assignments: Assignment[];
  totalQuantity: number;
  totalScore: number;
}

/** A malformed instance; `message` names the offending item. */
export class InstanceError extends Error {
  override readonly name = 'InstanceError';
}

/** sum over k = 1..units of floor(B / k). */
export function fairnessBonus(bonus: number, units: number): number {
  let total = 0;
  for (let k = 1; k <= units && k <= bonus; k++) total += Math.floor(bonus / k);
  return total;
}

/** Total score of a set of assignments, as the format defines it. */
export function scoreOf(instance: AllocationInstance, assignments: Assignment[]): number {
  const edgeScore = new Map(instance.edges.map((e) => [`${e.request}\0${e.offer}`, e.score]));
  const perRequest = new Map<string, number>();
  let total = 0;
  for (const a of assignments) {
    total += a.quantity * edgeScore.get(`${a.request}\0${a.offer}`)!;
    perRequest.set(a.request, (perRequest.get(a.request) ?? 0) + a.quantity);
  }
  for (const units of perRequest.values()) total += fairnessBonus(instance.fairnessBonus ?? 0, units);
  return total;
}

export function allocate(instance: AllocationInstance): AllocationSolution {
  return solve(compile(instance));
}

/**
 * `parseInstance` and `allocate` in one: checks an instance as the format says (the same
 * errors as parseInstance) and solves it, without building the typed instance's objects
 * in between — what the CLI runs.
 */
export function allocateInput(input: unknown): AllocationSolution {
  return solve(check(input));
}

/**
 * The CLI's way in: the instance read straight from its bytes (allocation-json.ts) and
 * solved; undefined when the bytes are not the plain case — then JSON.parse and
 * `allocateInput`, which also name what is wrong.
 */
export function allocateBytes(bytes: Uint8Array): AllocationSolution | undefined {
  const c = compileJsonBytes(bytes);
  return c && solve(c);
}

/** A typed instance as arrays (ids to positions); an edge naming an unknown id is an InstanceError. */
function compile(instance: AllocationInstance): CompiledInstance {
  const R = instance.requests.length;
  const O = instance.offers.length;
  const E = instance.edges.length;
  const c: CompiledInstance = {
    requestIds: new Array<string>(R),
    quantity: new Float64Array(R),
    offerIds: new Array<string>(O),
    capacity: new Float64Array(O),
    edgeRequest: new Int32Array(E),
    edgeOffer: new Int32Array(E),
    edgeScore: new Float64Array(E),
    bonus: instance.fairnessBonus ?? 0,
  };
  const requestIndex = new Map<string, number>();
  const offerIndex = new Map<string, number>();
  instance.requests.forEach((r, i) => {
    c.requestIds[i] = r.id;
    c.quantity[i] = r.quantity;
    requestIndex.set(r.id, i);
  });
  instance.offers.forEach((o, i) => {
    c.offerIds[i] = o.id;
    c.capacity[i] = o.capacity;
    offerIndex.set(o.id, i);
  });
  instance.edges.forEach((e, i) => {
    const r = requestIndex.get(e.request);
    const o = offerIndex.get(e.offer);
    if (r === undefined) throw new InstanceError(`edges[${i}] names an unknown request "${e.request}".`);
    if (o === undefined) throw new InstanceError(`edges[${i}] names an unknown offer "${e.offer}".`);
    c.edgeRequest[i] = r;
    c.edgeOffer[i] = o;
    c.edgeScore[i] = e.score;
  });
  return c;
}

/**
 * The network (see the top of this file) solved by flow.ts; assignments in the order of
 * the instance's edges.
 */
function solve(c: CompiledInstance): AllocationSolution {
  const { quantity, capacity, edgeRequest, edgeOffer, edgeScore, bonus: B } = c;
  const R = quantity.length;
  const O = capacity.length;
  const E = edgeRequest.length;
  const SOURCE = 0;
  const SINK = 1;
  // A request can take at most what its eligible offers hold: fewer bonus arcs when quantities are large.
  const reach = new Float64Array(R);
  for (let e = 0; e < E; e++) reach[edgeRequest[e]] += Math.min(quantity[edgeRequest[e]], capacity[edgeOffer[e]]);
  const net = new FlowNetwork(2 + R + O, R + E + O);
  for (let r = 0; r < R; r++) {
    const units = Math.min(quantity[r], reach[r]);
    if (units === 0) continue;
    if (B === 0) {
      net.addArc(SOURCE, 2 + r, units, 0);
      continue;
    }
    // The k-th unit earns floor(B/k); equal values share one arc.
    let k = 1;
    while (k <= units) {
      const value = k <= B ? Math.floor(B / k) : 0;
      let last = value === 0 ? units : Math.min(units, Math.floor(B / value));
      if (last < k) last = k;
      net.addArc(SOURCE, 2 + r, last - k + 1, -value);
      k = last + 1;
    }
  }
  const edgeArc = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    edgeArc[e] = net.addArc(2 + edgeRequest[e], 2 + R + edgeOffer[e], Math.min(quantity[edgeRequest[e]], capacity[edgeOffer[e]]), -edgeScore[e]);
  }
  for (let o = 0; o < O; o++) net.addArc(2 + R + o, SINK, capacity[o], 0);

  // A residual s–t path starts with a bonus arc (cost ≤ 0), ends with an offer's arc (0)
  // and in between undoes at most min(R, O) − 1 edges worth ≤ 1000 each.
  const { value, flow } = net.minCostMaxFlow(SOURCE, SINK, 1000 * Math.max(0, Math.min(R, O) - 1));
  const assignments: Assignment[] = [];
  const units = new Float64Array(R);
  let totalScore = 0;
  for (let e = 0; e < E; e++) {
    const x = flow[edgeArc[e]];
    if (x > 0) {
      assignments.push({ request: c.requestIds[edgeRequest[e]], offer: c.offerIds[edgeOffer[e]], quantity: x });
      units[edgeRequest[e]] += x;
      totalScore += x * edgeScore[e];
    }
  }
  if (B > 0) for (let r = 0; r < R; r++) totalScore += fairnessBonus(B, units[r]);
  return { assignments, totalQuantity: value, totalScore };
}

/**
 * For comparison only (the benchmark): the obvious greedy — take eligible pairs from the
 * highest score down and give each as many units as still fit. Not optimal.
 */
export function allocateGreedy(instance: AllocationInstance): AllocationSolution {
  const left = new Map(instance.requests.map((r) => [r.id, r.quantity]));
  const room = new Map(instance.offers.map((o) => [o.id, o.capacity]));
  const assignments: Assignment[] = [];
  const edges = [...instance.edges].sort((a, b) => b.score - a.score);
  for (const e of edges) {
    const x = Math.min(left.get(e.request)!, room.get(e.offer)!);
    if (x <= 0) continue;
    left.set(e.request, left.get(e.request)! - x);
    room.set(e.offer, room.get(e.offer)! - x);
    assignments.push({ request: e.request, offer: e.offer, quantity: x });
  }
  const totalQuantity = assignments.reduce((s, a) => s + a.quantity, 0);
  return { assignments, totalQuantity, totalScore: scoreOf(instance, assignments) };
}

/**
 * Checks an instance exactly as the format says and returns it typed; anything else is an
 * InstanceError naming the offending item (never a partial solution).
 */
export function parseInstance(input: unknown): AllocationInstance {
  const c = check(input);
  return {
    requests: c.requestIds.map((id, i) => ({ id, quantity: c.quantity[i] })),
    offers: c.offerIds.map((id, i) => ({ id, capacity: c.capacity[i] })),
    edges: Array.from(c.edgeRequest, (r, i) => ({ request: c.requestIds[r], offer: c.offerIds[c.edgeOffer[i]], score: c.edgeScore[i] })),
    fairnessBonus: c.bonus,
  };
}

const where = (v: unknown, at: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InstanceError(`${at} must be an object.`);
  return v as Record<string, unknown>;
};
const list = (o: Record<string, unknown>, key: string): unknown[] => {
  if (!(key in o)) throw new InstanceError(`The instance has no "${key}" list.`);
  if (!Array.isArray(o[key])) throw new InstanceError(`"${key}" must be a list.`);
  return o[key] as unknown[];
};
const int = (o: Record<string, unknown>, key: string, at: () => string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
  const v = o[key];
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  if (!(key in o)) throw new InstanceError(`${at()} has no "${key}".`);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new InstanceError(`${at()}: "${key}" must be an integer, not ${JSON.stringify(v)}.`);
  throw new InstanceError(`${at()}: "${key}" must be between ${min} and ${max}, not ${v}.`);
};
const id = (o: Record<string, unknown>, key: string, at: () => string): string => {
  const v = o[key];
  if (typeof v === 'string') return v;
  if (!(key in o)) throw new InstanceError(`${at()} has no "${key}".`);
  throw new InstanceError(`${at()}: "${key}" must be a string, not ${JSON.stringify(v)}.`);
};

/**
 * The checks of the format, in one pass per list, straight into arrays: the messages (and
 * which of several mistakes is named: the first in this order — the lists, each request,
 * each offer, duplicate ids, each edge, the bonus) are the format's contract with callers.
 */
function check(input: unknown): CompiledInstance {
  const root = where(input, 'The instance');
  const requests = list(root, 'requests');
  const R = requests.length;
  const requestIds = new Array<string>(R);
  const quantity = new Float64Array(R);
  const requestIndex = new Map<string, number>();
  let duplicate: string | undefined;
  for (let i = 0; i < R; i++) {
    const o = where(requests[i], `requests[${i}]`);
    const rid = id(o, 'id', () => `requests[${i}]`);
    quantity[i] = int(o, 'quantity', () => `request "${rid}"`, 1);
    requestIds[i] = rid;
    if (requestIndex.has(rid)) duplicate ??= `Duplicate request id "${rid}".`;
    else requestIndex.set(rid, i);
  }
  const offers = list(root, 'offers');
  const O = offers.length;
  const offerIds = new Array<string>(O);
  const capacity = new Float64Array(O);
  const offerIndex = new Map<string, number>();
  let duplicateOffer: string | undefined;
  for (let i = 0; i < O; i++) {
    const o = where(offers[i], `offers[${i}]`);
    const oid = id(o, 'id', () => `offers[${i}]`);
    capacity[i] = int(o, 'capacity', () => `offer "${oid}"`, 1);
    offerIds[i] = oid;
    if (offerIndex.has(oid)) duplicateOffer ??= `Duplicate offer id "${oid}".`;
    else offerIndex.set(oid, i);
  }
  if (duplicate ?? duplicateOffer) throw new InstanceError((duplicate ?? duplicateOffer)!);
  const edges = list(root, 'edges');
  const E = edges.length;
  const edgeRequest = new Int32Array(E);
  const edgeOffer = new Int32Array(E);
  const edgeScore = new Float64Array(E);
  const pairs = new PairSet(E);
  for (let i = 0; i < E; i++) {
    const o = where(edges[i], `edges[${i}]`);
    const request = id(o, 'request', () => `edges[${i}]`);
    const offer = id(o, 'offer', () => `edges[${i}]`);
    const at = () => `edge ${request} → ${offer}`;
    const r = requestIndex.get(request);
    if (r === undefined) throw new InstanceError(`${at()} (edges[${i}]) names an unknown request "${request}".`);
    const f = offerIndex.get(offer);
    if (f === undefined) throw new InstanceError(`${at()} (edges[${i}]) names an unknown offer "${offer}".`);
    if (!pairs.add(r, f)) throw new InstanceError(`Duplicate ${at()} (edges[${i}]): at most one edge per pair.`);
    edgeRequest[i] = r;
    edgeOffer[i] = f;
    edgeScore[i] = int(o, 'score', at, 0, 1000);
  }
  const bonus = 'fairnessBonus' in root ? int(root, 'fairnessBonus', () => 'The instance', 0, 1_000_000) : 0;
  return { requestIds, quantity, offerIds, capacity, edgeRequest, edgeOffer, edgeScore, bonus };
}

/** A set of (request, offer) positions: open addressing over typed arrays, growing. */
class PairSet {
  private first = new Int32Array(0);
  private second = new Int32Array(0);
  private mask = 0;
  private count = 0;

  constructor(size = 0) {
    let capacity = 1024;
    while (capacity < size * 2) capacity *= 2;
    this.resize(capacity);
  }

  private resize(capacity: number): void {
    const { first, second } = this;
    this.first = new Int32Array(capacity).fill(-1);
    this.second = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < first.length; i++) if (first[i] !== -1) this.insert(first[i], second[i]);
  }

  private static hash(a: number, b: number): number {
    const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
    return h ^ (h >>> 15);
  }

  private insert(a: number, b: number): boolean {
    const mask = this.mask;
    for (let h = PairSet.hash(a, b) & mask; ; h = (h + 1) & mask) {
      const f = this.first[h];
      if (f === -1) {
        this.first[h] = a;
        this.second[h] = b;
        return true;
      }
      if (f === a && this.second[h] === b) return false;
    }
  }

  /** false if the pair was there already. */
  add(a: number, b: number): boolean {
    if ((this.count + 1) * 2 > this.first.length) this.resize(this.first.length * 2);
    if (!this.insert(a, b)) return false;
    this.count++;
    return true;
  }
}
