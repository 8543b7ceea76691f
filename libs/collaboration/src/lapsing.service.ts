import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { MatchNotifications } from './match-notifications';
import { MatchesService } from './matches.service';

export interface LapseResult {
  requests: number;
  offers: number;
  proposals: number;
}

interface Lapsed {
  id: string;
  organization_id: string;
  title: string;
  last_day: string;
}

/**
 * Lapsing (RULES.md, Follow-up), run by the worker: a request whose latestDate has passed
 * becomes CLOSED, an offer past its availableUntil becomes ARCHIVED, their organisations'
 * members are told, and the matches on them not agreed yet (PROPOSED, AWAITING_APPROVAL)
 * are cancelled ("lapsed", MatchesService.cancelLapsed), giving back what they held.
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
    private readonly matches: MatchesService,
  ) {}

  async lapseDue(batch = 200): Promise<LapseResult> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const result: LapseResult = { requests: 0, offers: 0, proposals: 0 };
    for (let n = await this.closeRequests(today, batch); n > 0; n = await this.closeRequests(today, batch)) result.requests += n;
    for (let n = await this.archiveOffers(today, batch); n > 0; n = await this.archiveOffers(today, batch)) result.offers += n;
    for (let n = await this.matches.cancelLapsed(today, batch); n > 0; n = await this.matches.cancelLapsed(today, batch)) result.proposals += n;
    return result;
  }

  private closeRequests(today: string, batch: number): Promise<number> {
    return this.lapse('request_lapsed', batch, {
      claim: `SELECT id, organization_id, title, latest_date::text AS last_day FROM collaboration_request
               WHERE status IN ('OPEN', 'PARTIALLY_MATCHED', 'MATCHED') AND latest_date < $1::date
               ORDER BY latest_date, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      move: `UPDATE collaboration_request SET status = 'CLOSED', updated_at = now() WHERE id = ANY($1::uuid[])`,
    }, today);
  }

  private archiveOffers(today: string, batch: number): Promise<number> {
    return this.lapse('offer_lapsed', batch, {
      claim: `SELECT id, organization_id, title, available_until::text AS last_day FROM offer
               WHERE status IN ('PUBLISHED', 'PAUSED') AND available_until < $1::date
               ORDER BY available_until, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      move: `UPDATE offer SET status = 'ARCHIVED', updated_at = now() WHERE id = ANY($1::uuid[])`,
    }, today);
  }

  /**
   * One batch in one transaction: `claim` locks the due rows (skipping those another
   * worker holds), `move` changes their status, and their organisations' members are told.
   */
  private lapse(type: 'request_lapsed' | 'offer_lapsed', batch: number, sql: { claim: string; move: string }, today: string): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const rows: Lapsed[] = await m.query(sql.claim, [today, batch]);
      if (rows.length === 0) return 0;
      await m.query(sql.move, [rows.map((r) => r.id)]);
      const byOrganization = new Map<string, Lapsed[]>();
      for (const r of rows) byOrganization.set(r.organization_id, [...(byOrganization.get(r.organization_id) ?? []), r]);
      await this.notices.toMembers(m, type, [...byOrganization.keys()], (org) =>
        byOrganization.get(org)!.map((r) => ({ itemId: r.id, title: r.title, lastDay: r.last_day })),
      );
      return rows.length;
    });
  }
}
