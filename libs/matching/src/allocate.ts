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
  const B = instance.fairnessBonus ?? 0;
  const R = instance.requests.length;
  const O = instance.offers.length;
  const SOURCE = 0;
  const SINK = 1;
  const requestNode = new Map(instance.requests.map((r, i) => [r.id, 2 + i]));
  const offerNode = new Map(instance.offers.map((o, i) => [o.id, 2 + R + i]));
  const capacity = new Map(instance.offers.map((o) => [o.id, o.capacity]));
  const net = new FlowNetwork(2 + R + O);

  for (const r of instance.requests) {
    // The k-th unit earns floor(B/k); equal values share one arc.
    let k = 1;
    while (k <= r.quantity) {
      const value = k <= B ? Math.floor(B / k) : 0;
      let last = value === 0 ? r.quantity : Math.min(r.quantity, Math.floor(B / value));
      if (last < k) last = k;
      net.addArc(SOURCE, requestNode.get(r.id)!, last - k + 1, -value);
      k = last + 1;
    }
  }
  const quantity = new Map(instance.requests.map((r) => [r.id, r.quantity]));
  const edgeArcs = instance.edges.map((e) =>
    net.addArc(requestNode.get(e.request)!, offerNode.get(e.offer)!, Math.min(quantity.get(e.request)!, capacity.get(e.offer)!), -e.score),
  );
  for (const o of instance.offers) net.addArc(offerNode.get(o.id)!, SINK, o.capacity, 0);

  const { value, flow } = net.minCostMaxFlow(SOURCE, SINK);
  const assignments: Assignment[] = [];
  instance.edges.forEach((e, i) => {
    const x = flow[edgeArcs[i]];
    if (x > 0) assignments.push({ request: e.request, offer: e.offer, quantity: x });
  });
  return { assignments, totalQuantity: value, totalScore: scoreOf(instance, assignments) };
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
  const obj = (v: unknown, where: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InstanceError(`${where} must be an object.`);
    return v as Record<string, unknown>;
  };
  const list = (o: Record<string, unknown>, key: string): unknown[] => {
    if (!(key in o)) throw new InstanceError(`The instance has no "${key}" list.`);
    if (!Array.isArray(o[key])) throw new InstanceError(`"${key}" must be a list.`);
    return o[key] as unknown[];
  };
  const int = (o: Record<string, unknown>, key: string, where: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (!(key in o)) throw new InstanceError(`${where} has no "${key}".`);
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new InstanceError(`${where}: "${key}" must be an integer, not ${JSON.stringify(v)}.`);
    if (v < min || v > max) throw new InstanceError(`${where}: "${key}" must be between ${min} and ${max}, not ${v}.`);
    return v;
  };
  const id = (o: Record<string, unknown>, key: string, where: string): string => {
    const v = o[key];
    if (!(key in o)) throw new InstanceError(`${where} has no "${key}".`);
    if (typeof v !== 'string') throw new InstanceError(`${where}: "${key}" must be a string, not ${JSON.stringify(v)}.`);
    return v;
  };
  const root = obj(input, 'The instance');
  const requests = list(root, 'requests').map((v, i) => {
    const o = obj(v, `requests[${i}]`);
    const rid = id(o, 'id', `requests[${i}]`);
    return { id: rid, quantity: int(o, 'quantity', `request "${rid}"`, 1) };
  });
  const offers = list(root, 'offers').map((v, i) => {
    const o = obj(v, `offers[${i}]`);
    const oid = id(o, 'id', `offers[${i}]`);
    return { id: oid, capacity: int(o, 'capacity', `offer "${oid}"`, 1) };
  });
  const unique = (items: Array<{ id: string }>, what: string) => {
    const seen = new Set<string>();
    for (const it of items) {
      if (seen.has(it.id)) throw new InstanceError(`Duplicate ${what} id "${it.id}".`);
      seen.add(it.id);
    }
    return seen;
  };
  const requestIds = unique(requests, 'request');
  const offerIds = unique(offers, 'offer');
  const pairs = new Set<string>();
  const edges = list(root, 'edges').map((v, i) => {
    const o = obj(v, `edges[${i}]`);
    const request = id(o, 'request', `edges[${i}]`);
    const offer = id(o, 'offer', `edges[${i}]`);
    const where = `edge ${request} → ${offer}`;
    if (!requestIds.has(request)) throw new InstanceError(`${where} (edges[${i}]) names an unknown request "${request}".`);
    if (!offerIds.has(offer)) throw new InstanceError(`${where} (edges[${i}]) names an unknown offer "${offer}".`);
    const key = `${request}\0${offer}`;
    if (pairs.has(key)) throw new InstanceError(`Duplicate ${where} (edges[${i}]): at most one edge per pair.`);
    pairs.add(key);
    return { request, offer, score: int(o, 'score', where, 0, 1000) };
  });
  const fairness = 'fairnessBonus' in root ? int(root, 'fairnessBonus', 'The instance', 0, 1_000_000) : 0;
  return { requests, offers, edges, fairnessBonus: fairness };
}
