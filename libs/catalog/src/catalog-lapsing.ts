import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { catalogQueries as q, LapsedRow } from './catalog.queries';
import { OfferStatus, RequestStatus } from './enums';

/** An item that lapsed in this batch. */
export interface LapsedItem {
  id: string;
  organizationId: string;
  title: string;
  /** Its last day (YYYY-MM-DD). */
  lastDay: string;
}

const toItem = (r: LapsedRow): LapsedItem => ({ id: r.id, organizationId: r.organization_id, title: r.title, lastDay: r.last_day });

/**
 * Lapsing, the catalogue's part (RULES.md, Follow-up): a request whose latestDate has
 * passed becomes CLOSED, an offer past its availableUntil becomes ARCHIVED. Each call is
 * one batch in the caller's transaction; rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several workers close each item once. Only the item rows are locked.
 */
@Injectable()
export class CatalogLapsing {
  async closeLapsedRequests(m: EntityManager, today: string, batch: number): Promise<LapsedItem[]> {
    const rows = await q.claimLapsedRequests(m, today, batch, [RequestStatus.OPEN, RequestStatus.PARTIALLY_MATCHED, RequestStatus.MATCHED]);
    if (rows.length)
      await q.setRequestStatus(
        m,
        rows.map((r) => r.id),
        RequestStatus.CLOSED,
      );
    return rows.map(toItem);
  }

  async archiveExpiredOffers(m: EntityManager, today: string, batch: number): Promise<LapsedItem[]> {
    const rows = await q.claimExpiredOffers(m, today, batch, [OfferStatus.PUBLISHED, OfferStatus.PAUSED]);
    if (rows.length)
      await q.setOfferStatus(
        m,
        rows.map((r) => r.id),
        OfferStatus.ARCHIVED,
      );
    return rows.map(toItem);
  }
}
