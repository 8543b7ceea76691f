import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogLapsing, LapsedItem } from '@brobygge/catalog';
import { Clock } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { MatchNotifications } from './match-notifications';
import { MatchSweeps } from './match-sweeps';

export interface LapseResult {
  requests: number;
  offers: number;
  proposals: number;
}

/**
 * Lapsing (RULES.md, Follow-up), run by the worker: a request whose latestDate has passed
 * becomes CLOSED, an offer past its availableUntil becomes ARCHIVED, their organisations'
 * members are told, and the matches on them not agreed yet (PROPOSED, AWAITING_APPROVAL)
 * are cancelled ("lapsed", MatchSweeps.cancelLapsed), giving back what they held.
 *
 * "Passed" means before today's UTC date: an item stays open on its last day. Each step
 * claims rows with FOR UPDATE SKIP LOCKED in batches, so any number of workers running
 * it at once close each item once and tell its owners once. Closing and archiving lock
 * only the item rows; cancelling claims match rows first and only then locks the offers
 * and requests it gives quantity back to — the workflow's order — so lapsing never waits
 * in a cycle with the match workflow.
 */
@Injectable()
export class LapsingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notices: MatchNotifications,
    private readonly catalog: CatalogLapsing,
    private readonly sweeps: MatchSweeps,
  ) {}

  async lapseDue(batch = 200): Promise<LapseResult> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const result: LapseResult = { requests: 0, offers: 0, proposals: 0 };
    for (let n = await this.closeRequests(today, batch); n > 0; n = await this.closeRequests(today, batch)) result.requests += n;
    for (let n = await this.archiveOffers(today, batch); n > 0; n = await this.archiveOffers(today, batch)) result.offers += n;
    for (let n = await this.sweeps.cancelLapsed(today, batch); n > 0; n = await this.sweeps.cancelLapsed(today, batch)) result.proposals += n;
    return result;
  }

  private closeRequests(today: string, batch: number): Promise<number> {
    return this.lapse('request_lapsed', (m) => this.catalog.closeLapsedRequests(m, today, batch));
  }

  private archiveOffers(today: string, batch: number): Promise<number> {
    return this.lapse('offer_lapsed', (m) => this.catalog.archiveExpiredOffers(m, today, batch));
  }

  /**
   * One batch in one transaction: the catalogue claims the due rows (skipping those
   * another worker holds) and changes their status, and their organisations' members are told.
   */
  private lapse(type: 'request_lapsed' | 'offer_lapsed', claim: (m: EntityManager) => Promise<LapsedItem[]>): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const rows = await claim(m);
      if (rows.length === 0) return 0;
      const byOrganization = new Map<string, LapsedItem[]>();
      for (const r of rows) byOrganization.set(r.organizationId, [...(byOrganization.get(r.organizationId) ?? []), r]);
      await this.notices.toMembers(m, type, [...byOrganization.keys()], (org) =>
        byOrganization.get(org)!.map((r) => ({ itemId: r.id, title: r.title, lastDay: r.lastDay })),
      );
      return rows.length;
    });
  }
}
