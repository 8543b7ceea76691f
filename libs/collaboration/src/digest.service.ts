import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CollaborationRequest, Offer } from '@brobygge/catalog';
import { Clock } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { eligibility, OfferFacts, RequestFacts } from '@brobygge/matching';
import { OutboxService } from '@brobygge/notifications';
import { collaborationQueries } from './collaboration.queries';
import { conversationQueries } from './conversation.queries';
import { MatchingData } from './matching-data';
import { claimDueDigests, DueDigest } from '@brobygge/identity';

const PERIOD_DAYS = { DAILY: 1, WEEKLY: 7 } as const;
/** At most this many items in one digest; the e-mail says how many more there are. */
const MAX_ITEMS = 20;

interface Candidate {
  row: Offer | CollaborationRequest;
  facts: OfferFacts | RequestFacts;
  orgName: string;
}

interface Fresh {
  requests: Candidate[];
  offers: Candidate[];
}

export interface DigestItem {
  /** A fitting request or offer, or a match's conversation with messages the person has not read (`id` is the match's). */
  kind: 'request' | 'offer' | 'conversation';
  id: string;
  /** A conversation's: the offer's title, empty when its organisation is not verified. */
  title: string;
  organization: string;
  /** A conversation's: how many messages of others are new and unread. */
  count?: number;
}

/**
 * Daily and weekly digests (RULES.md): for partners, open requests created since the last
 * digest that fit one of their organisation's published offers; for schools, offers
 * published since then that fit one of their open requests — "fit" as the matching
 * library's hard rules say; before those, the matches with messages since then that they
 * have not read (issue 16). Nothing new, no e-mail.
 *
 * Users are claimed by moving their `last_digest_at` in the same transaction that writes
 * the outbox row, with SKIP LOCKED: however many workers sweep, each period gives one
 * digest per user.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly data: MatchingData,
    private readonly outbox: OutboxService,
  ) {}

  /** Sends the digests that are due; returns how many were written (users with nothing new count 0). */
  async sendDue(batch = 100): Promise<number> {
    let written = 0;
    for (;;) {
      const { claimed, sent } = await inTransaction(this.dataSource, async (m) => {
        const now = this.clock.now();
        // Identity's operation: it claims (SKIP LOCKED) and moves their last_digest_at.
        const due = await claimDueDigests(m, now, batch);
        if (due.length === 0) return { claimed: 0, sent: 0 };
        const sinceOf = (u: DueDigest) => u.since ?? new Date(now.getTime() - PERIOD_DAYS[u.digest] * 86_400_000);
        // What is new since the earliest of them, read once for the whole batch.
        const fresh = await this.fresh(m, new Date(Math.min(...due.map((u) => sinceOf(u).getTime()))));
        let n = 0;
        for (const user of due) {
          const since = sinceOf(user);
          const items = await this.itemsFor(m, user.id, since, fresh);
          if (items.length === 0) continue;
          await this.outbox.add(m, [
            {
              type: 'digest',
              recipientUserId: user.id,
              recipientEmail: user.email,
              locale: user.locale,
              payload: { period: user.digest, since: since.toISOString(), items: items.slice(0, MAX_ITEMS), more: Math.max(0, items.length - MAX_ITEMS) },
            },
          ]);
          n++;
        }
        return { claimed: due.length, sent: n };
      });
      written += sent;
      if (claimed < batch) return written;
    }
  }

  /**
   * Open requests and published offers created after `since`. Requests of schools nobody has
   * verified stay out: digests are e-mail, and an unverified organisation's text is not
   * e-mailed outside it (offers are published only by verified organisations anyway).
   */
  private async fresh(m: EntityManager, since: Date): Promise<Fresh> {
    return {
      requests: await this.facts(
        m,
        'request',
        `x.created_at > :since AND x.status IN ('OPEN', 'PARTIALLY_MATCHED') AND x.organization_id IN (SELECT id FROM organization WHERE verified)`,
        { since },
      ),
      offers: await this.facts(m, 'offer', `x.created_at > :since AND x.status = 'PUBLISHED'`, { since }),
    };
  }

  /** What is new for the user's organisations since `since`, out of `fresh` (read since then or earlier). */
  async itemsFor(m: EntityManager, userId: string, since: Date, fresh?: Fresh): Promise<DigestItem[]> {
    const news = fresh ?? (await this.fresh(m, since));
    const orgs = await collaborationQueries.organizationsOfUser(m, userId);
    // Messages on their matches first (issue 16): digest subscribers get no message e-mail of their own.
    const items: DigestItem[] = (await conversationQueries.unreadConversations(m, userId, since)).map((c) => ({
      kind: 'conversation',
      id: c.matchId,
      title: c.offerTitle ?? '',
      organization: '',
      count: c.count,
    }));
    const seen = new Set<string>();
    const schools = orgs.filter((o) => o.kind === 'SCHOOL').map((o) => o.id);
    const partners = orgs.filter((o) => o.kind !== 'SCHOOL').map((o) => o.id);
    if (partners.length) {
      const mine = await this.facts(m, 'offer', `x.organization_id = ANY(:orgs::uuid[]) AND x.status = 'PUBLISHED'`, { orgs: partners });
      for (const r of news.requests.filter((x) => x.row.createdAt > since)) {
        if (seen.has(r.row.id) || !mine.some((o) => eligibility(r.facts as RequestFacts, o.facts as OfferFacts).eligible)) continue;
        seen.add(r.row.id);
        items.push({ kind: 'request', id: r.row.id, title: r.row.title, organization: r.orgName });
      }
    }
    if (schools.length) {
      const mine = await this.facts(m, 'request', `x.organization_id = ANY(:orgs::uuid[]) AND x.status IN ('OPEN', 'PARTIALLY_MATCHED')`, { orgs: schools });
      for (const o of news.offers.filter((x) => x.row.createdAt > since)) {
        if (seen.has(o.row.id) || !mine.some((r) => eligibility(r.facts as RequestFacts, o.facts as OfferFacts).eligible)) continue;
        seen.add(o.row.id);
        items.push({ kind: 'offer', id: o.row.id, title: o.row.title, organization: o.orgName });
      }
    }
    return items;
  }

  private async facts(m: EntityManager, kind: 'offer' | 'request', where: string, params: Record<string, unknown>): Promise<Candidate[]> {
    const entity = kind === 'offer' ? Offer : CollaborationRequest;
    const rows: Array<Offer | CollaborationRequest> = await m
      .getRepository<Offer | CollaborationRequest>(entity)
      .createQueryBuilder('x')
      .where(where, params)
      .orderBy('x.created_at', 'ASC')
      .getMany();
    const places = await this.data.placesOf(rows.map((r) => r.organizationId));
    const names = rows.length ? await collaborationQueries.organizationNames(m, [...new Set(rows.map((r) => r.organizationId))]) : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return rows.map((row) => ({
      row,
      facts:
        kind === 'offer'
          ? this.data.offerFacts(row as Offer, places.get(row.organizationId))
          : this.data.requestFacts(row as CollaborationRequest, places.get(row.organizationId)),
      orgName: nameOf.get(row.organizationId) ?? '',
    }));
  }
}
