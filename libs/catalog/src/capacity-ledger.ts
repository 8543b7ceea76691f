import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '@brobygge/core';
import { catalogQueries as q } from './catalog.queries';
import { OfferStatus, RequestStatus } from './enums';
import { PUBLIC_REQUEST_STATUSES, statusForMatched } from './requests.service';

/** A quantity of an offer given to a request (a match's hold, seen from the catalogue). */
export interface Holding {
  offerId: string;
  requestId: string;
  quantity: number;
}

/** An offer and a request, locked, with what is left of each. */
export interface LockedPair {
  /** The offer's places not held. */
  remaining: number;
  /** The request's units not matched. */
  unmatched: number;
  offerStatus: OfferStatus;
  requestStatus: RequestStatus;
}

/** Request states whose status follows the held quantity (CLOSED and CANCELLED keep theirs). */
const FOLLOWS_MATCHES: readonly RequestStatus[] = [RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED, RequestStatus.MATCHED];

/**
 * The capacity ledger (RULES.md, Capacity): `offer.capacity_held` and
 * `collaboration_request.quantity_matched`, and the request status that follows it. Other
 * contexts hold and release through here, in their own transaction (the EntityManager
 * they pass). Lock order, the project's: match rows first (the caller's), then offers,
 * then requests, each set in id order — so concurrent callers never wait in a cycle.
 */
@Injectable()
export class CapacityLedger {
  /** Locks the offer, then the request, and says what is left of each. */
  async lockPair(m: EntityManager, offerId: string, requestId: string): Promise<LockedPair> {
    const [o] = await q.lockOffers(m, [offerId]);
    const [r] = await q.lockRequests(m, [requestId]);
    return { remaining: o.capacity - o.capacity_held, unmatched: r.quantity - r.quantity_matched, offerStatus: o.status, requestStatus: r.status };
  }

  /**
   * Locks the offers, then the requests, of `items`, each in id order: the lock order when
   * several pairs are released at once. Rows this transaction holds are not waited for.
   */
  async lockItems(m: EntityManager, items: ReadonlyArray<Pick<Holding, 'offerId' | 'requestId'>>): Promise<void> {
    if (items.length === 0) return;
    await q.lockOffers(m, [...new Set(items.map((x) => x.offerId))]);
    await q.lockRequests(m, [...new Set(items.map((x) => x.requestId))]);
  }

  /**
   * Locks the offers, then the requests, that `holdings` would take from and says whether
   * they all still fit: each offer PUBLISHED with the places asked of it, each request open
   * and wanting the units it gets (an allocation round's check before it writes).
   */
  async lockAndFit(m: EntityManager, holdings: readonly Holding[]): Promise<boolean> {
    if (holdings.length === 0) return true;
    const sum = (key: (h: Holding) => string) => {
      const out = new Map<string, number>();
      for (const h of holdings) out.set(key(h), (out.get(key(h)) ?? 0) + h.quantity);
      return out;
    };
    const perOffer = sum((h) => h.offerId);
    const perRequest = sum((h) => h.requestId);
    const offers = await q.lockOffers(m, [...perOffer.keys()]);
    const requests = await q.lockRequests(m, [...perRequest.keys()]);
    if (offers.some((o) => o.status !== OfferStatus.PUBLISHED || o.capacity - o.capacity_held < perOffer.get(o.id)!)) return false;
    return !requests.some((r) => !PUBLIC_REQUEST_STATUSES.includes(r.status as never) || r.quantity - r.quantity_matched < perRequest.get(r.id)!);
  }

  /** Takes the quantity from the offer and the request (locking them), or CONFLICT if it no longer fits. */
  async hold(m: EntityManager, h: Holding): Promise<void> {
    const [o] = await q.lockOffers(m, [h.offerId]);
    const [r] = await q.lockRequests(m, [h.requestId]);
    const remaining = o.capacity - o.capacity_held;
    const unmatched = r.quantity - r.quantity_matched;
    if (o.status !== OfferStatus.PUBLISHED) throw new ConflictError(`The offer is ${o.status}; only a PUBLISHED offer can be matched.`);
    if (!FOLLOWS_MATCHES.includes(r.status)) throw new ConflictError(`The request is ${r.status}; it can no longer be matched.`);
    if (remaining < h.quantity) throw new ConflictError(`The offer has ${remaining} place(s) left; this match needs ${h.quantity}.`);
    if (unmatched < h.quantity) throw new ConflictError(`The request still wants ${unmatched}; this match holds ${h.quantity}.`);
    await this.move(m, h, h.quantity, r);
  }

  /** Gives a held quantity back to the offer and the request (locking them). */
  async release(m: EntityManager, h: Holding): Promise<void> {
    await q.lockOffers(m, [h.offerId]);
    const [r] = await q.lockRequests(m, [h.requestId]);
    await this.move(m, h, -h.quantity, r);
  }

  /** Moves held quantity on the locked pair; the request's status follows it (statusForMatched). */
  private async move(m: EntityManager, h: Holding, delta: number, r: { quantity: number; quantity_matched: number; status: RequestStatus }): Promise<void> {
    await q.addHeldToOffer(m, h.offerId, delta);
    const matched = r.quantity_matched + delta;
    const status = FOLLOWS_MATCHES.includes(r.status) ? statusForMatched(r.quantity, matched) : r.status;
    await q.setRequestMatched(m, h.requestId, matched, status);
  }
}
