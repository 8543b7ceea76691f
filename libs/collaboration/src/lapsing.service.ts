import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
 * members are told, and proposals still PROPOSED on them are cancelled ("lapsed").
 *
 * "Passed" means before today's UTC date: an item stays open on its last day. Each step
 * claims rows with FOR UPDATE SKIP LOCKED in batches, so any number of workers running
 * it at once close each item once and tell its owners once. A request or offer lock is
 * the only lock of its step, so lapsing never waits in a cycle with the match workflow.
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
    for (let n = await this.matches.cancelLapsedProposals(today, batch); n > 0; n = await this.matches.cancelLapsedProposals(today, batch)) result.proposals += n;
    return result;
  }

  private closeRequests(today: string, batch: number): Promise<number> {
    return this.lapse('request_lapsed', (m) =>
      m.query(
        `WITH due AS (
           SELECT id FROM collaboration_request
            WHERE status IN ('OPEN', 'PARTIALLY_MATCHED', 'MATCHED') AND latest_date < $1::date
            ORDER BY latest_date, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE collaboration_request r SET status = 'CLOSED', updated_at = now() FROM due WHERE r.id = due.id
         RETURNING r.id, r.organization_id, r.title, r.latest_date::text AS last_day`,
        [today, batch],
      ),
    );
  }

  private archiveOffers(today: string, batch: number): Promise<number> {
    return this.lapse('offer_lapsed', (m) =>
      m.query(
        `WITH due AS (
           SELECT id FROM offer
            WHERE status IN ('PUBLISHED', 'PAUSED') AND available_until < $1::date
            ORDER BY available_until, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE offer o SET status = 'ARCHIVED', updated_at = now() FROM due WHERE o.id = due.id
         RETURNING o.id, o.organization_id, o.title, o.available_until::text AS last_day`,
        [today, batch],
      ),
    );
  }

  /** One batch: `claim` moves the due rows (and returns them); their organisations' members are told in the same transaction. */
  private lapse(type: 'request_lapsed' | 'offer_lapsed', claim: (m: EntityManager) => Promise<Lapsed[] | [Lapsed[], number]>): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const answer = await claim(m);
      // TypeORM answers UPDATE … RETURNING with [rows, count].
      const rows = (Array.isArray(answer[0]) ? answer[0] : answer) as Lapsed[];
      if (rows.length === 0) return 0;
      const byOrganization = new Map<string, Lapsed[]>();
      for (const r of rows) byOrganization.set(r.organization_id, [...(byOrganization.get(r.organization_id) ?? []), r]);
      await this.notices.toMembers(m, type, [...byOrganization.keys()], (org) =>
        byOrganization.get(org)!.map((r) => ({ itemId: r.id, title: r.title, lastDay: r.last_day })),
      );
      return rows.length;
    });
  }
}
