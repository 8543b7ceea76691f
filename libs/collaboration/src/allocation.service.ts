import { Injectable } from '@nestjs/common';
import { CapacityLedger, CollaborationRequest, Offer, TaxonomyService } from '@brobygge/catalog';
import { Actor, ConflictError, ForbiddenError, InvalidInputError, intInRange, requireSignedIn } from '@brobygge/core';
import { allocate, AllocationInstance, allocationScore, eligibility, measure } from '@brobygge/matching';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@brobygge/database';
import type { Match } from './match.entity';
import { OPEN_MATCH_STATES } from './match.policy';
import { collaborationQueries as q } from './collaboration.queries';
import { MatchLifecycle } from './match-lifecycle';
import { MatchingData } from './matching-data';

export interface AllocationInput {
  regionCode: string;
  activityType: string;
  fairnessBonus?: number | null;
  dryRun?: boolean | null;
}

export interface AllocationProposal {
  request: CollaborationRequest;
  offer: Offer;
  quantity: number;
  /** The pair's score, 0–100. */
  score: number;
}

export interface AllocationOutcome {
  /** Units the round's requests still want. */
  quantityRequested: number;
  quantityAllocated: number;
  /** The solver's objective on the 0–100 scale: Σ score × units plus the fairness bonus, divided by 10. */
  totalScore: number;
  proposals: AllocationProposal[];
  /** The matches created; empty on a dry run. */
  matches: Match[];
}

/** Times a round is solved again when what it read changed before its matches could be written. */
const ATTEMPTS = 3;

/**
 * An allocation round (RULES.md; formats/allocation.md): the open requests and published
 * offers of one region and activity type, every eligible pair scored by the matching
 * library, solved exactly. A dry run writes nothing; otherwise each proposal becomes an
 * ALLOCATION-origin match (all or nothing) that both sides then accept.
 */
@Injectable()
export class AllocationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly data: MatchingData,
    private readonly taxonomy: TaxonomyService,
    private readonly matches: MatchLifecycle,
    private readonly ledger: CapacityLedger,
  ) {}

  async run(actor: Actor, input: AllocationInput): Promise<AllocationOutcome> {
    const viewer = requireSignedIn(actor);
    if (!(await this.taxonomy.regions()).some((r) => r.code === input.regionCode)) {
      throw new InvalidInputError('input.regionCode', `There is no region "${input.regionCode}"; see the regions query.`);
    }
    if (!viewer.isAdmin && !viewer.coordinatorRegions.includes(input.regionCode)) {
      throw new ForbiddenError('Only coordinators of the region and admins run allocation rounds.');
    }
    const fairnessBonus = intInRange('input.fairnessBonus', input.fairnessBonus ?? 0, 0, 1_000_000);
    if (input.dryRun !== false) return { ...(await this.plan(input, fairnessBonus)), matches: [] };

    // Not a dry run: every proposal becomes an ALLOCATION match, all in one transaction,
    // after the rows it allocates from are locked and found unchanged. When they changed
    // (another round, a proposal, an acceptance got in first), the round is solved again.
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const plan = await this.plan(input, fairnessBonus);
      const matches = await inTransaction(this.dataSource, async (m) =>
        (await this.stillFits(m, plan.proposals)) ? this.matches.createAllocated(m, viewer, plan.proposals) : null,
      );
      if (matches) return { ...plan, matches };
    }
    throw new ConflictError('The offers and requests of this round kept changing while it was being solved; run it again.');
  }

  /** Reads the round's offers and requests (no locks) and solves it. */
  private async plan(input: AllocationInput, fairnessBonus: number): Promise<Omit<AllocationOutcome, 'matches'>> {
    const [requests, offers] = await Promise.all([
      this.data.openRequestsIn(input.regionCode, input.activityType),
      this.data.openOffersIn(input.regionCode, input.activityType),
    ]);
    const context = await this.data.contexts(
      'en',
      requests.map((r) => r.request.organizationId),
      offers.map((o) => o.offer.organizationId),
    );
    const instance: AllocationInstance = {
      requests: requests.map((r) => ({ id: r.request.id, quantity: r.request.quantity - r.request.quantityMatched })),
      offers: offers.map((o) => ({ id: o.offer.id, capacity: o.offer.capacity - o.offer.capacityHeld })),
      edges: [],
      fairnessBonus,
    };
    // A pair that already has a match in progress is not proposed again.
    const busy = await q.pairsWithMatchIn(this.dataSource, input.regionCode, OPEN_MATCH_STATES);
    const pairScore = new Map<string, number>();
    for (const r of requests) {
      for (const o of offers) {
        if (busy.has(`${r.request.id}|${o.offer.id}`) || !eligibility(r.facts, o.facts).eligible) continue;
        const s = measure(r.facts, o.facts, context(r.request.organizationId, o.offer.organizationId)).score;
        pairScore.set(`${r.request.id}|${o.offer.id}`, s);
        instance.edges.push({ request: r.request.id, offer: o.offer.id, score: allocationScore(s) });
      }
    }
    let solution: ReturnType<typeof allocate>;
    try {
      solution = allocate(instance);
    } catch (e) {
      // The solver keeps its arithmetic exact; a huge bonus on a huge round would overflow it.
      if (e instanceof RangeError)
        throw new InvalidInputError('input.fairnessBonus', `The fairness bonus is too large for a round of this size; use a smaller one. (${e.message})`);
      throw e;
    }
    const requestById = new Map(requests.map((r) => [r.request.id, r.request]));
    const offerById = new Map(offers.map((o) => [o.offer.id, o.offer]));
    const proposals = solution.assignments.map((a) => ({
      request: requestById.get(a.request)!,
      offer: offerById.get(a.offer)!,
      quantity: a.quantity,
      score: pairScore.get(`${a.request}|${a.offer}`)!,
    }));
    return {
      quantityRequested: instance.requests.reduce((sum, r) => sum + r.quantity, 0),
      quantityAllocated: solution.totalQuantity,
      totalScore: solution.totalScore / 10,
      proposals,
    };
  }

  /**
   * Locks the offers, then the requests, that the proposals allocate from (each in id
   * order: the workflow's lock order, CapacityLedger) and checks, now that nobody
   * can change them until commit, what the plan was read from: each offer still
   * PUBLISHED with the places the round gives out, each request still open and wanting
   * the units it gets, and no pair with a match in progress. New matches need these
   * locks too, so the answer holds until the round's matches are written.
   */
  private async stillFits(m: EntityManager, proposals: readonly AllocationProposal[]): Promise<boolean> {
    if (proposals.length === 0) return true;
    if (
      !(await this.ledger.lockAndFit(
        m,
        proposals.map((p) => ({ offerId: p.offer.id, requestId: p.request.id, quantity: p.quantity })),
      ))
    )
      return false;
    const busy = await q.countPairsWithMatchIn(
      m,
      proposals.map((p) => p.request.id),
      proposals.map((p) => p.offer.id),
      OPEN_MATCH_STATES,
    );
    return busy === 0;
  }
}
